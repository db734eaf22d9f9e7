// id: segregation-bucket-acl-no-foreign-grants
// title: Bucket ACLs grant access only to the bucket owner and the S3 log delivery service
// severity: critical
// resource-types: AWS::S3::Bucket
// rationale: An ACL grant bypasses the bucket policy: AllUsers makes the bucket public, AuthenticatedUsers opens it to every AWS account, and a grant to another canonical user or email opens it to an account we cannot map to the customer (canonical ids are not account ids). The ACL is read from supplementaryConfiguration.AccessControlList, where AWS Config records it (or get-bucket-acl's shape).
// remediation: Reset the ACL to the owner alone (`aws s3api put-bucket-acl --bucket NAME --acl private`) and disable ACLs (`aws s3api put-bucket-ownership-controls --bucket NAME --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'`); grant other accounts of the customer through the bucket policy.
// controls: AWS FSBP S3.2, AWS FSBP S3.3
// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html, https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html

if (BucketAcl.Grants(Resource) is not { } grants)
{
    return Skip($"bucket {Resource.DisplayName}: its ACL was not recorded (supplementaryConfiguration.AccessControlList)");
}
var foreign = grants.Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the ACL of bucket {Resource.DisplayName} grants only the owner and the log delivery service")
    : Fail($"bucket {Resource.Arn} has ACL grants beyond its owner: {ResourceSharing.Describe(foreign)}. Fix: aws s3api put-bucket-acl --bucket {Resource.DisplayName} --acl private, then enforce bucket-owner object ownership to disable ACLs", Evidence.Value("grantees", foreign.Select(g => g.Grantee)));
