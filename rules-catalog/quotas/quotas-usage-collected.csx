// id: quotas-usage-collected
// title: The usage of every counted quota was collected
// severity: medium
// resource-types: AWS::ServiceQuotas::Quota
// rationale: Quota usage is counted from the inventory; where the counted resources could not be collected (a Config or IAM coverage gap), a count of zero would read as plenty of headroom. Such a quota is reported as not assessed, never as a pass, so that nobody mistakes missing data for room to grow.
// remediation: Fix the coverage gap named in the message (the audit role's access to AWS Config or IAM in that account and region) and scan again; until then, check the quota's usage in the Service Quotas console.
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/intro.html

var quota = ServiceQuota.Describe(Resource);
if (QuotaUsageTable.Find(ServiceQuota.Code(Resource)) is null)
{
    return Skip($"{Resource}: the scanner does not count the usage of {quota}");
}
if (Resource.Supplementary("UsageUnknown") is { } why)
{
    return NotAssessed($"{Resource}: the usage of {quota} is unknown: {why.GetString()}");
}
return ServiceQuota.Usage(Resource) is { } usage
    ? Pass($"{Resource}: the usage of {quota} was counted: {usage} ({ServiceQuota.UsageSource(Resource)})")
    : NotAssessed($"{Resource}: the usage of {quota} is unknown: {ServiceQuota.WhyUsageUnknown(Resource)}");
