namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// How one CloudFormation resource type becomes the resource the live rules see: its AWS Config type,
/// the property holding its physical name, its ARN, and where its policy goes. The table below is the
/// whole mapping; <see cref="TemplateMapper"/> only follows it.
/// </summary>
internal sealed record ResourceMapping(string ConfigType, string? NameProperty, Func<string, string, string, string> Arn)
{
    /// <summary>For IAM entities: the configuration property of their inline policies (authorization-details shape).</summary>
    public string? InlineList { get; init; }

    /// <summary>Where a policy property of the resource itself goes: (source property, target).</summary>
    public (string Property, PolicyTarget Target)? OwnPolicy { get; init; }

    /// <summary>IAM and S3 are global; everything else lives in the deployment's region.</summary>
    public bool Global { get; init; }

    /// <summary>The types of the AWS::Serverless-2016-10-31 transform, which AWS expands into other resources at deploy time.</summary>
    public const string SamTypePrefix = "AWS::Serverless::";

    /// <summary>A nested stack: its resources are in another template.</summary>
    public const string NestedStackType = "AWS::CloudFormation::Stack";

    public static IReadOnlyDictionary<string, ResourceMapping> Table { get; } = new Dictionary<string, ResourceMapping>(StringComparer.Ordinal)
    {
        ["AWS::S3::Bucket"] = new("AWS::S3::Bucket", "BucketName", (_, _, n) => $"arn:aws:s3:::{n}") { Global = true },
        ["AWS::SQS::Queue"] = new("AWS::SQS::Queue", "QueueName", (a, r, n) => $"arn:aws:sqs:{r}:{a}:{n}"),
        ["AWS::SNS::Topic"] = new("AWS::SNS::Topic", "TopicName", (a, r, n) => $"arn:aws:sns:{r}:{a}:{n}"),
        ["AWS::KMS::Key"] = new("AWS::KMS::Key", null, (a, r, n) => $"arn:aws:kms:{r}:{a}:key/{n}")
        {
            OwnPolicy = ("KeyPolicy", PolicyTarget.SupplementaryPolicy),
        },
        ["AWS::ECR::Repository"] = new("AWS::ECR::Repository", "RepositoryName", (a, r, n) => $"arn:aws:ecr:{r}:{a}:repository/{n}")
        {
            OwnPolicy = ("RepositoryPolicyText", PolicyTarget.SupplementaryPolicy),
        },
        ["AWS::IAM::Role"] = new("AWS::IAM::Role", "RoleName", (a, _, n) => $"arn:aws:iam::{a}:role/{n}") { Global = true, InlineList = "RolePolicyList" },
        ["AWS::IAM::User"] = new("AWS::IAM::User", "UserName", (a, _, n) => $"arn:aws:iam::{a}:user/{n}") { Global = true, InlineList = "UserPolicyList" },
        ["AWS::IAM::Group"] = new("AWS::IAM::Group", "GroupName", (a, _, n) => $"arn:aws:iam::{a}:group/{n}") { Global = true, InlineList = "GroupPolicyList" },
        ["AWS::IAM::ManagedPolicy"] = new("AWS::IAM::Policy", "ManagedPolicyName", (a, _, n) => $"arn:aws:iam::{a}:policy/{n}") { Global = true },
        ["AWS::EC2::Instance"] = new("AWS::EC2::Instance", null, (a, r, n) => $"arn:aws:ec2:{r}:{a}:instance/{n}"),
        ["AWS::Lambda::Function"] = new("AWS::Lambda::Function", "FunctionName", (a, r, n) => $"arn:aws:lambda:{r}:{a}:function:{n}"),
        ["AWS::ElasticBeanstalk::Environment"] = new("AWS::ElasticBeanstalk::Environment", "EnvironmentName",
            (a, r, n) => $"arn:aws:elasticbeanstalk:{r}:{a}:environment/{n}"),
    };

    /// <summary>
    /// Resources that are not resources in AWS Config but attach a policy (or a grant) to one that is:
    /// (the property naming the targets, what the attachment carries).
    /// </summary>
    public static IReadOnlyDictionary<string, (string[] TargetProperties, string PolicyProperty, PolicyTarget Target)> Attachments { get; } =
        new Dictionary<string, (string[], string, PolicyTarget)>(StringComparer.Ordinal)
        {
            ["AWS::S3::BucketPolicy"] = (["Bucket"], "PolicyDocument", PolicyTarget.BucketPolicy),
            ["AWS::SQS::QueuePolicy"] = (["Queues"], "PolicyDocument", PolicyTarget.ConfigurationPolicy),
            ["AWS::SNS::TopicPolicy"] = (["Topics"], "PolicyDocument", PolicyTarget.ConfigurationPolicy),
            ["AWS::IAM::Policy"] = (["Roles", "Users", "Groups"], "PolicyDocument", PolicyTarget.InlinePolicy),
            ["AWS::IAM::ManagedPolicy"] = (["Roles", "Users", "Groups"], "PolicyDocument", PolicyTarget.AttachedManagedPolicy),
            ["AWS::Lambda::Permission"] = (["FunctionName"], "", PolicyTarget.LambdaPermission),
        };
}
