// id: quotas-headroom
// title: Service quotas keep headroom above their usage
// severity: medium
// resource-types: AWS::ServiceQuotas::Quota
// rationale: A quota that is nearly used up turns the next deployment, scale-out or failover into an error; increases are granted by AWS in hours to days, so they must be requested before the limit is hit, not during the incident.
// remediation: Request an increase (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value N`) or delete unused resources; alarm on the quota's usage metric in CloudWatch. The threshold is set in guardrails.yaml (rules: quotas-headroom: failAt).
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html, https://docs.aws.amazon.com/servicequotas/latest/userguide/configure-cloudwatch.html, https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ServiceQuota.html
// param: failAt (number, 0.01 to 1) = 0.8: usage at or above this share of the quota's value fails

var quota = ServiceQuota.Describe(Resource);
if (ServiceQuota.Value(Resource) is not { } value)
{
    return Skip($"{Resource}: {quota} has no numeric Value to judge against");
}
if (ServiceQuota.Usage(Resource) is not { } usage)
{
    return Skip($"{Resource}: the usage of {quota} is unknown: {ServiceQuota.WhyUsageUnknown(Resource)}");
}
var failAt = Params.Number("failAt");
return ServiceQuota.Reaches(usage, failAt, value)
    ? Fail($"{Resource}: {quota} is used {usage} of {value} ({ServiceQuota.UsageSource(Resource)}), at or above {failAt * 100:0.#}%; request an increase with `{ServiceQuota.IncreaseCommand(Resource)}` or delete unused resources", ServiceQuota.EvidenceOf(Resource).And("failAt", failAt))
    : Pass($"{Resource}: {quota} is used {usage} of {value}, below {failAt * 100:0.#}%");
