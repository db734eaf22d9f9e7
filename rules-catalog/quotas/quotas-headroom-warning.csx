// id: quotas-headroom-warning
// title: Adjustable service quotas are used below the warning threshold
// severity: low
// resource-types: AWS::ServiceQuotas::Quota
// rationale: An increase takes AWS hours to days and sometimes a support case; a warning well before quotas-headroom fails gives the team time to ask for one in working hours. Only the band between warnAt and failAt is reported here, so a quota is never reported twice: at failAt and above quotas-headroom fails it, and non-adjustable quotas are watched by quotas-non-adjustable-headroom.
// remediation: Plan an increase (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value N`) or clean up unused resources. The band is set in guardrails.yaml (rules: quotas-headroom-warning: warnAt, default 0.6; failAt, default 0.8, which should equal quotas-headroom's).
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html, https://docs.aws.amazon.com/servicequotas/latest/userguide/configure-cloudwatch.html

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
var warnAt = ServiceQuota.Fraction(Params, "warnAt", 0.6);
var failAt = ServiceQuota.Fraction(Params, "failAt", 0.8);
if (ServiceQuota.Reaches(usage, failAt, value))
{
    return Pass($"{Resource}: {quota} is used {usage} of {value}, at or above {failAt * 100:0.#}%, which quotas-headroom reports");
}
return ServiceQuota.Reaches(usage, warnAt, value)
    ? Fail($"{Resource}: {quota} is used {usage} of {value} ({ServiceQuota.UsageSource(Resource)}), at or above the {warnAt * 100:0.#}% warning; plan an increase with `{ServiceQuota.IncreaseCommand(Resource)}` or clean up unused resources", ServiceQuota.EvidenceOf(Resource).And("warnAt", warnAt))
    : Pass($"{Resource}: {quota} is used {usage} of {value}, below {warnAt * 100:0.#}%");
