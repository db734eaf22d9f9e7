// id: quotas-non-adjustable-headroom
// title: Quotas that AWS cannot raise keep wide headroom above their usage
// severity: high
// resource-types: AWS::ServiceQuotas::Quota
// rationale: A quota marked not adjustable cannot be raised by request: once it is reached the only way out is to re-architect (split workloads across accounts or Regions, consolidate resources), which takes weeks, so it needs an earlier warning than an adjustable quota.
// remediation: Plan the way out before the limit: delete or consolidate unused resources, or spread the workload over more accounts or Regions of the same customer; the threshold is the warning threshold of adjustable quotas (guardrails.yaml, rules: quotas-headroom-warning: warnAt).
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/intro.html, https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ServiceQuota.html
// param: warnAt from quotas-headroom-warning

var quota = ServiceQuota.Describe(Resource);
if (ServiceQuota.Adjustable(Resource) == true)
{
    return Skip($"{Resource}: {quota} is adjustable (quotas-headroom watches it)");
}
if (ServiceQuota.Value(Resource) is not { } value)
{
    return Skip($"{Resource}: {quota} has no numeric Value to judge against");
}
if (ServiceQuota.Usage(Resource) is not { } usage)
{
    return Skip($"{Resource}: the usage of {quota} is unknown: {ServiceQuota.WhyUsageUnknown(Resource)}");
}
var warnAt = Params.Number("warnAt");
return ServiceQuota.Reaches(usage, warnAt, value)
    ? Fail($"{Resource}: {quota} cannot be raised and is used {usage} of {value} ({ServiceQuota.UsageSource(Resource)}), at or above {warnAt * 100:0.#}%; delete or consolidate unused resources, or spread the workload over more accounts or Regions", ServiceQuota.EvidenceOf(Resource).And("warnAt", warnAt))
    : Pass($"{Resource}: {quota} cannot be raised and is used {usage} of {value}, below {warnAt * 100:0.#}%");
