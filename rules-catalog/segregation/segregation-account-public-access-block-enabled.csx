// id: segregation-account-public-access-block-enabled
// title: S3 Block Public Access is on for the whole account, all four settings
// severity: high
// resource-types: AWS::S3::AccountPublicAccessBlock
// rationale: The account-level block is the one switch that keeps every bucket, present and future, from being made public by a policy or ACL written in a hurry; with any of the four settings off, one mistaken grant publishes a customer's data.
// remediation: Turn on all four settings (`aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`).
// controls: AWS FSBP S3.1
// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html, https://docs.aws.amazon.com/config/latest/developerguide/s3-account-level-public-access-blocks.html

var settings = new[] { "blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets" };
var off = settings.Where(s => Resource.Config(s) is not { ValueKind: JsonValueKind.True }).ToList();
return off.Count == 0
    ? Pass($"account {Resource.AccountId} blocks public access to S3 with all four settings")
    : Fail($"account {Resource.AccountId} does not block public S3 access: {string.Join(", ", off)} {(off.Count == 1 ? "is" : "are")} not true. Fix: aws s3control put-public-access-block --account-id {Resource.AccountId} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true", Evidence.Fields(Resource.Configuration, settings));
