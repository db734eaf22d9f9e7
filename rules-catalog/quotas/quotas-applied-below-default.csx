// id: quotas-applied-below-default
// title: Applied service quotas are at least AWS's default values
// severity: low
// resource-types: AWS::ServiceQuotas::Quota
// rationale: AWS gives some accounts (new ones, in particular) quotas below the published defaults, and a quota template or a mistaken request can lower one too; capacity plans assume the default, so the shortfall appears only when a deployment or failover is refused.
// remediation: Request the default value (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value DEFAULT`); the defaults to compare with are set in guardrails.yaml (rules: quotas-applied-below-default: defaults: {L-XXXXXXXX: N}), from `aws service-quotas get-aws-default-service-quota`.
// references: https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetAWSDefaultServiceQuota.html, https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html
// param: defaults (numbers) = none: AWS's default value of each quota code to compare with, from `aws service-quotas get-aws-default-service-quota`

var quota = ServiceQuota.Describe(Resource);
var code = ServiceQuota.Code(Resource);
var awsDefault = ServiceQuota.Number(JsonPath.Find(Params.Get("defaults"), code));
if (awsDefault is null)
{
    return Skip($"{Resource}: AWS's default for {quota} is not known; add it to guardrails.yaml (rules: quotas-applied-below-default: defaults: {{{code}: N}}) from `aws service-quotas get-aws-default-service-quota`");
}
if (ServiceQuota.Value(Resource) is not { } value)
{
    return Skip($"{Resource}: {quota} has no numeric Value to judge against");
}
return value < awsDefault
    ? Fail($"{Resource}: {quota} is {value}, below AWS's default of {awsDefault}; request the default with `{ServiceQuota.IncreaseCommand(Resource, awsDefault)}`", ServiceQuota.EvidenceOf(Resource).And("awsDefault", awsDefault.Value))
    : Pass($"{Resource}: {quota} is {value}, at least AWS's default of {awsDefault}");
