namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// CloudFormation type names in ASFF's naming (https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources.html).
/// A type ASFF has no name for is "Other", which Security Hub accepts for any resource.
/// </summary>
internal static class AsffResourceTypes
{
    public const string Other = "Other";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["AWS::::Account"] = "AwsAccount",
        ["AWS::CloudFormation::Stack"] = "AwsCloudFormationStack",
        ["AWS::CloudTrail::Trail"] = "AwsCloudTrailTrail",
        ["AWS::DynamoDB::Table"] = "AwsDynamoDbTable",
        ["AWS::EC2::EIP"] = "AwsEc2Eip",
        ["AWS::EC2::Instance"] = "AwsEc2Instance",
        ["AWS::EC2::NetworkAcl"] = "AwsEc2NetworkAcl",
        ["AWS::EC2::NetworkInterface"] = "AwsEc2NetworkInterface",
        ["AWS::EC2::SecurityGroup"] = "AwsEc2SecurityGroup",
        ["AWS::EC2::Subnet"] = "AwsEc2Subnet",
        ["AWS::EC2::Volume"] = "AwsEc2Volume",
        ["AWS::EC2::VPC"] = "AwsEc2Vpc",
        ["AWS::EC2::VPCPeeringConnection"] = "AwsEc2VpcPeeringConnection",
        ["AWS::ECR::Repository"] = "AwsEcrRepository",
        ["AWS::ECS::Cluster"] = "AwsEcsCluster",
        ["AWS::EKS::Cluster"] = "AwsEksCluster",
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "AwsElbv2LoadBalancer",
        ["AWS::IAM::AccessKey"] = "AwsIamAccessKey",
        ["AWS::IAM::Group"] = "AwsIamGroup",
        ["AWS::IAM::Policy"] = "AwsIamPolicy",
        ["AWS::IAM::ManagedPolicy"] = "AwsIamPolicy",
        ["AWS::IAM::Role"] = "AwsIamRole",
        ["AWS::IAM::User"] = "AwsIamUser",
        ["AWS::KMS::Key"] = "AwsKmsKey",
        ["AWS::Lambda::Function"] = "AwsLambdaFunction",
        ["AWS::OpenSearch::Domain"] = "AwsOpenSearchServiceDomain",
        ["AWS::RDS::DBCluster"] = "AwsRdsDbCluster",
        ["AWS::RDS::DBClusterSnapshot"] = "AwsRdsDbClusterSnapshot",
        ["AWS::RDS::DBInstance"] = "AwsRdsDbInstance",
        ["AWS::RDS::DBSnapshot"] = "AwsRdsDbSnapshot",
        ["AWS::Redshift::Cluster"] = "AwsRedshiftCluster",
        ["AWS::S3::AccountPublicAccessBlock"] = "AwsS3AccountPublicAccessBlock",
        ["AWS::S3::Bucket"] = "AwsS3Bucket",
        ["AWS::SecretsManager::Secret"] = "AwsSecretsManagerSecret",
        ["AWS::SNS::Topic"] = "AwsSnsTopic",
        ["AWS::SQS::Queue"] = "AwsSqsQueue",
        ["AWS::SSM::PatchCompliance"] = "AwsSsmPatchCompliance",
    };

    public static string For(string cloudFormationType) => Names.GetValueOrDefault(cloudFormationType, Other);
}
