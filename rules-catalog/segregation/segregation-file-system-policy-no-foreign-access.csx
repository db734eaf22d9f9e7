// id: segregation-file-system-policy-no-foreign-access
// title: EFS file system policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::EFS::FileSystem
// rationale: An EFS file system holds one customer's files; a file system policy that lets in another customer's account, an account outside the estate, or anyone lets them mount and write it from their own VPC. IAM Access Analyzer analyses file systems for the same reason. The policy is read from configuration.FileSystemPolicy as AWS Config records it.
// remediation: Remove the foreign principals from the file system policy (`aws efs put-file-system-policy --file-system-id ID --policy file://policy.json`, or `aws efs delete-file-system-policy --file-system-id ID`).
// controls: n/a (no CIS or FSBP control covers cross-customer file system policys)
// references: https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"file system {Resource.DisplayName} has no file system policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the file system policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"file system {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the file system policy", Evidence.Of(foreign.Select(g => g.Statement)));
