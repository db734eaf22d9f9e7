// id: segregation-bucket-policy-no-foreign-access
// title: Bucket policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::S3::Bucket
// rationale: A bucket holds one customer's data; a policy that lets in another customer's account, an account outside the estate, or anyone ("*" without a condition pinning it to the customer's accounts) breaks the segregation between customers. aws:PrincipalOrgID is not enough: every customer may sit in the same organisation.
// remediation: Remove the foreign principals from the bucket policy, or pin a "*" principal to the customer's accounts with aws:SourceAccount / aws:PrincipalAccount (`aws s3api put-bucket-policy --bucket NAME --policy file://policy.json`, or `aws s3api delete-bucket-policy --bucket NAME`).
// controls: AWS FSBP S3.6, AWS FSBP S3.2, AWS FSBP S3.3
// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"bucket {Resource.DisplayName} has no bucket policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the bucket policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"bucket {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the bucket policy or pin them with aws:SourceAccount / aws:PrincipalAccount to the customer's own accounts", Evidence.Of(foreign.Select(g => g.Statement)));
