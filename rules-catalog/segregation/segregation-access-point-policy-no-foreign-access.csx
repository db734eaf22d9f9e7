// id: segregation-access-point-policy-no-foreign-access
// title: S3 access point policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::S3::AccessPoint
// rationale: An access point is a second door to a bucket: its own policy can let another customer's account, an account outside the estate, or anyone reach the bucket's objects even when the bucket policy does not name them. IAM Access Analyzer analyses access points for the same reason. The policy is read from configuration.Policy as AWS Config records it.
// remediation: Remove the foreign principals from the access point policy (`aws s3control put-access-point-policy --account-id ACCOUNT --name NAME --policy file://policy.json`), or delete the access point.
// controls: n/a (no CIS or FSBP control covers cross-customer access point policys)
// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"access point {Resource.DisplayName} has no access point policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the access point policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"access point {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the access point policy", Evidence.Of(foreign.Select(g => g.Statement)));
