// id: quotas-headroom-warning
// title: Adjustable service quotas are used below the warning threshold
// severity: low
// resource-types: AWS::ServiceQuotas::Quota
// rationale: An increase takes AWS hours to days and sometimes a support case; a warning well before quotas-headroom fails gives the team time to ask for one in working hours. Only the band between warnAt and failAt is reported here, so a quota is never reported twice: at failAt and above quotas-headroom fails it, and non-adjustable quotas are watched by quotas-non-adjustable-headroom.
// remediation: Plan an increase (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value N`) or clean up unused resources. The band starts at warnAt (rules: quotas-headroom-warning: warnAt) and ends where quotas-headroom fails (rules: quotas-headroom: failAt), set in guardrails.yaml.
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html, https://docs.aws.amazon.com/servicequotas/latest/userguide/configure-cloudwatch.html
// param: warnAt (number, 0.01 to 1) = 0.6: usage at or above this share of the quota's value warns
// param: failAt from quotas-headroom

var quota = ServiceQuota.Describe(Resource);
if (ServiceQuota.Adjustable(Resource) == false)
{
    return Skip($"{Resource}: {quota} is not adjustable (quotas-non-adjustable-headroom watches it)");
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
var failAt = Params.Number("failAt");
if (ServiceQuota.Reaches(usage, failAt, value))
{
    return Pass($"{Resource}: {quota} is used {usage} of {value}, at or above {failAt * 100:0.#}%, which quotas-headroom reports");
}
return ServiceQuota.Reaches(usage, warnAt, value)
    ? Fail($"{Resource}: {quota} is used {usage} of {value} ({ServiceQuota.UsageSource(Resource)}), at or above the {warnAt * 100:0.#}% warning; plan an increase with `{ServiceQuota.IncreaseCommand(Resource)}` or clean up unused resources", ServiceQuota.EvidenceOf(Resource).And("warnAt", warnAt))
    : Pass($"{Resource}: {quota} is used {usage} of {value}, below {warnAt * 100:0.#}%");
