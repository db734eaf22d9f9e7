// id: quotas-exhausted
// title: No service quota is used up
// severity: high
// resource-types: AWS::ServiceQuotas::Quota
// rationale: A quota whose usage has reached its value refuses the next resource of its kind: deployments, scale-outs and disaster-recovery failovers that need one fail now.
// remediation: Request an increase at once (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value N`; for an urgent case open a support case), and delete unused resources of the kind to free capacity meanwhile.
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html, https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ServiceQuota.html

var quota = ServiceQuota.Describe(Resource);
if (ServiceQuota.Value(Resource) is not { } value)
{
    return Skip($"{Resource}: {quota} has no numeric Value to judge against");
}
if (ServiceQuota.Usage(Resource) is not { } usage)
{
    return Skip($"{Resource}: the usage of {quota} is unknown: {ServiceQuota.WhyUsageUnknown(Resource)}");
}
return usage >= value
    ? Fail($"{Resource}: {quota} is used up ({usage} of {value}; {ServiceQuota.UsageSource(Resource)}): no more can be created; request an increase with `{ServiceQuota.IncreaseCommand(Resource)}` and delete unused resources meanwhile", ServiceQuota.EvidenceOf(Resource))
    : Pass($"{Resource}: {quota} is used {usage} of {value}");
