// id: segregation-log-resource-policy-no-foreign-access
// title: CloudWatch Logs resource policies let in only the customer's own accounts, the platform and AWS services
// severity: high
// resource-types: AWS::Logs::ResourcePolicy
// rationale: A CloudWatch Logs resource policy lets other principals write into (and, with logs:GetLogEvents and the like, read) the account's log groups. Another customer's account, an account outside the estate, or anyone crosses the customer boundary: it can forge or read the customer's logs. AWS Config does not record these policies; the scanner reads them from aws logs describe-resource-policies (logs/REGION/ of the snapshot).
// remediation: Remove the foreign principals from the policy (`aws logs put-resource-policy --policy-name NAME --policy-document file://policy.json`), or delete it (`aws logs delete-resource-policy --policy-name NAME`).
// controls: n/a (no CIS or FSBP control covers cross-customer Logs resource policies)
// references: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"CloudWatch Logs resource policy {Resource.DisplayName} has no document");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"CloudWatch Logs resource policy {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"CloudWatch Logs resource policy {Resource.DisplayName} in account {Resource.AccountId} ({Resource.Region}) is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals (aws logs put-resource-policy) or delete the policy", Evidence.Of(foreign.Select(g => g.Statement)));
