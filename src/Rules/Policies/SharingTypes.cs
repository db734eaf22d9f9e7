namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Every way of sharing a resource the segregation family knows: IAM Access Analyzer's external-access types,
/// AWS RAM, and the other resource policies issue 16 names. A type no scan collects or judges is listed too,
/// so that the reports can say it was not checked rather than imply it was.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
/// </summary>
public static class SharingTypes
{
    private const string Config = "AWS Config, ";

    public static readonly IReadOnlyList<SharingType> All =
    [
        new("S3 bucket policies", "AWS::S3::Bucket", Config + "supplementaryConfiguration.BucketPolicy", "segregation-bucket-policy-no-foreign-access"),
        new("S3 bucket ACLs", "AWS::S3::Bucket", Config + "supplementaryConfiguration.AccessControlList", "segregation-bucket-acl-no-foreign-grants"),
        new("S3 access point policies", "AWS::S3::AccessPoint", Config + "configuration.Policy", "segregation-access-point-policy-no-foreign-access"),
        new("S3 directory bucket policies", "AWS::S3Express::BucketPolicy", Config + "configuration.PolicyDocument", "segregation-directory-bucket-policy-no-foreign-access"),
        new("KMS key policies", "AWS::KMS::Key", Config + "supplementaryConfiguration.Policy", "segregation-key-policy-no-foreign-access"),
        new("Lambda function policies", "AWS::Lambda::Function", Config + "supplementaryConfiguration.Policy", "segregation-function-policy-no-foreign-access"),
        new("Lambda layer version policies (each layer's latest version)", "AWS::Lambda::LayerVersion", "lambda/<region>/list-layers.json and get-layer-version-policy/<layer>/<version>.json", "segregation-layer-policy-no-foreign-access"),
        new("SQS queue policies", "AWS::SQS::Queue", Config + "configuration.Policy", "segregation-queue-policy-no-foreign-access"),
        new("SNS topic policies", "AWS::SNS::Topic", Config + "configuration.Policy", "segregation-topic-policy-no-foreign-access"),
        new("Secrets Manager secret policies", "AWS::SecretsManager::Secret", Config + "supplementaryConfiguration.ResourcePolicy", "segregation-secret-policy-no-foreign-access"),
        new("ECR repository policies", "AWS::ECR::Repository", Config + "configuration.RepositoryPolicyText", "segregation-repository-policy-no-foreign-access"),
        new("EBS snapshot sharing (createVolumePermission)", "AWS::EC2::Snapshot", "ec2/<region>/describe-snapshots.json and describe-snapshot-attribute/<snapshot-id>.json", "segregation-ebs-snapshot-no-foreign-sharing"),
        new("AMI launch permissions", "AWS::EC2::Image", "ec2/<region>/describe-images.json and describe-image-attribute/<image-id>.json", "segregation-ami-no-foreign-launch-permission"),
        new("RDS DB snapshot sharing (restore attribute)", "AWS::RDS::DBSnapshot", Config + "supplementaryConfiguration.DBSnapshotAttributes", "segregation-rds-snapshot-no-foreign-sharing"),
        new("RDS DB cluster snapshot sharing (restore attribute)", "AWS::RDS::DBClusterSnapshot", Config + "supplementaryConfiguration.DBClusterSnapshotAttributes", "segregation-rds-snapshot-no-foreign-sharing"),
        new("IAM role trust policies", "AWS::IAM::Role", "iam/authorization-details.json (AssumeRolePolicyDocument)", "segregation-role-trust-no-foreign-account"),
        new("VPC peering connections", "AWS::EC2::VPCPeeringConnection", Config + "configuration.requesterVpcInfo.ownerId and accepterVpcInfo.ownerId", "segregation-vpc-peering-no-foreign-account"),
        new("VPC endpoint service permissions", "AWS::EC2::VPCEndpointService", "network/<region>/describe-vpc-endpoint-service-permissions/<service-id>.json", "segregation-endpoint-service-no-foreign-principals"),
        new("OpenSearch domain access policies", "AWS::OpenSearch::Domain", Config + "configuration.AccessPolicies", "segregation-search-domain-policy-no-foreign-access"),
        new("EFS file system policies", "AWS::EFS::FileSystem", Config + "configuration.FileSystemPolicy", "segregation-file-system-policy-no-foreign-access"),
        new("EventBridge event bus policies", "AWS::Events::EventBus", Config + "configuration.Policy", "segregation-event-bus-policy-no-foreign-access"),
        new("API Gateway REST API resource policies", "AWS::ApiGateway::RestApi", Config + "configuration.policy", "segregation-rest-api-policy-no-foreign-access"),
        new("AWS Backup vault access policies", "AWS::Backup::BackupVault", Config + "configuration.AccessPolicy", "segregation-backup-vault-policy-no-foreign-access"),
        new("AWS RAM resource shares (subnets, transit gateways, Resolver rules, ...)", "AWS::RAM::ResourceShare",
            "ram/<region>/get-resource-shares.json, list-resources.json, list-principals.json", "segregation-resource-share-no-foreign-principals"),
        new("DynamoDB table resource policies", "AWS::DynamoDB::Table", "dynamodb/<region>/list-tables.json, describe-table/<table>.json and get-resource-policy/<table>/table.json", "segregation-dynamodb-policy-no-foreign-access"),
        new("DynamoDB stream resource policies", "AWS::DynamoDB::Stream", "dynamodb/<region>/describe-table/<table>.json (LatestStreamArn) and get-resource-policy/<table>/stream.json", "segregation-dynamodb-policy-no-foreign-access"),
        new("CloudWatch Logs resource policies", "AWS::Logs::ResourcePolicy", "logs/<region>/describe-resource-policies.json", "segregation-log-resource-policy-no-foreign-access"),
        new("Glue Data Catalog resource policy", "AWS::Glue::ResourcePolicy", "glue/<region>/get-resource-policies.json", "segregation-glue-catalog-policy-no-foreign-access"),
    ];
}
