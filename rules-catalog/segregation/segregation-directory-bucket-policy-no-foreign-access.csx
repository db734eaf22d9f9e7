// id: segregation-directory-bucket-policy-no-foreign-access
// title: S3 directory bucket policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::S3Express::BucketPolicy
// rationale: An S3 directory bucket (S3 Express One Zone) holds one customer's objects; a bucket policy that lets another customer's account, an account outside the estate, or anyone create sessions on it lets them read and write them. IAM Access Analyzer analyses directory buckets for the same reason. AWS Config records a directory bucket's policy as its own resource, AWS::S3Express::BucketPolicy, with the CloudFormation properties Bucket and PolicyDocument; this rule judges that resource and names the bucket.
// remediation: Remove the foreign principals from the directory bucket's policy (`aws s3api put-bucket-policy --bucket NAME--AZ-ID--x-s3 --policy file://policy.json`, or `aws s3api delete-bucket-policy --bucket NAME--AZ-ID--x-s3`).
// controls: n/a (no CIS or FSBP control covers cross-customer directory bucket policies)
// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-security-iam.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-bucketpolicy.html

var bucket = Resource.ConfigString("Bucket") ?? Resource.DisplayName;
var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"directory bucket {bucket} has no bucket policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the bucket policy of directory bucket {bucket} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"directory bucket {bucket} ({Resource.Arn}) is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the directory bucket's policy", Evidence.Of(foreign.Select(g => g.Statement)));
