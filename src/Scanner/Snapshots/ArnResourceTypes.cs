using System.Globalization;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// The CloudFormation type name of a resource known only by its ARN (from the Tagging API).
/// See https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
/// </summary>
internal static class ArnResourceTypes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s3:"] = "AWS::S3::Bucket",
        ["ec2:instance"] = "AWS::EC2::Instance",
        ["ec2:volume"] = "AWS::EC2::Volume",
        ["ec2:vpc"] = "AWS::EC2::VPC",
        ["ec2:subnet"] = "AWS::EC2::Subnet",
        ["ec2:security-group"] = "AWS::EC2::SecurityGroup",
        ["ec2:elastic-ip"] = "AWS::EC2::EIP",
        ["ec2:internet-gateway"] = "AWS::EC2::InternetGateway",
        ["ec2:natgateway"] = "AWS::EC2::NatGateway",
        ["ec2:snapshot"] = "AWS::EC2::Snapshot",
        ["ec2:image"] = "AWS::EC2::Image",
        ["ec2:vpc-peering-connection"] = "AWS::EC2::VPCPeeringConnection",
        ["rds:db"] = "AWS::RDS::DBInstance",
        ["rds:cluster"] = "AWS::RDS::DBCluster",
        ["rds:snapshot"] = "AWS::RDS::DBSnapshot",
        ["rds:cluster-snapshot"] = "AWS::RDS::DBClusterSnapshot",
        ["lambda:function"] = "AWS::Lambda::Function",
        ["dynamodb:table"] = "AWS::DynamoDB::Table",
        ["sqs:"] = "AWS::SQS::Queue",
        ["sns:"] = "AWS::SNS::Topic",
        ["kms:key"] = "AWS::KMS::Key",
        ["secretsmanager:secret"] = "AWS::SecretsManager::Secret",
        ["ecr:repository"] = "AWS::ECR::Repository",
        ["logs:log-group"] = "AWS::Logs::LogGroup",
        ["iam:role"] = "AWS::IAM::Role",
        ["iam:user"] = "AWS::IAM::User",
        ["iam:group"] = "AWS::IAM::Group",
        ["iam:policy"] = "AWS::IAM::Policy",
        ["elasticloadbalancing:loadbalancer"] = "AWS::ElasticLoadBalancingV2::LoadBalancer",
        ["cloudformation:stack"] = "AWS::CloudFormation::Stack",
    };

    public static string Of(Arn arn)
    {
        // SQS, SNS and S3 ARNs have no resource-type part: the service decides.
        var kind = arn.Service is "s3" or "sqs" or "sns" ? "" : arn.ResourceType;
        if (Known.TryGetValue($"{arn.Service}:{kind}", out var type))
        {
            return type;
        }
        return $"AWS::{Pascal(arn.Service)}::{Pascal(kind.Length > 0 ? kind : "Resource")}";
    }

    private static string Pascal(string text) =>
        string.Concat(text.Split('-', '_').Where(p => p.Length > 0).Select(p => char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..]));
}
