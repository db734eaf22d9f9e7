using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The customer managed policies of the demo, by name. The everyday ones grant data-plane and read actions only,
/// none of which appears in any privilege-escalation method (Rhino Security Labs' or pathfinding.cloud's), so that
/// only the planted ones (admin, policy manager, PassRole, ...) can make a principal fail.
/// </summary>
internal static class IamDocuments
{
    public const string DeveloperAccess = "developer-access";
    public const string ReadOnly = "readonly-describe";
    public const string LambdaBasic = "lambda-basic-execution";
    public const string AuditRead = "guardrails-audit-read";
    public const string CiDeploy = "ci-deploy";
    public const string AdminFullAccess = "admin-full-access";
    public const string DenyAll = "deny-all";
    public const string PolicyManager = "iam-policy-manager";
    public const string DenyPolicyWrites = "deny-iam-policy-writes";
    public const string PassRoleAny = "passrole-any";
    public const string Ec2Launcher = "ec2-launcher";
    public const string UserHelper = "iam-user-helper";
    public const string LambdaCodeDeployer = "lambda-code-deployer";
    public const string PowerUser = "power-user";
    public const string AppDataPrefix = "app-data-";
    /// <summary>Lets a user mint access keys for any user: an escalation the demo organisation's SCP prevents.</summary>
    public const string KeyMinter = "iam-key-minter";

    /// <summary>The document of a named policy; prefix is the account's name prefix (acme-prod).</summary>
    public static JsonObject For(string name, string accountId, string prefix) => name switch
    {
        DeveloperAccess => Document(
            Allow("ec2:Describe*", "cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "logs:DescribeLogGroups",
                "logs:FilterLogEvents", "logs:GetLogEvents", "dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:GetItem"),
            Statement("Allow", null, ["s3:GetObject", "s3:ListBucket"], [$"arn:aws:s3:::{prefix}-*", $"arn:aws:s3:::{prefix}-*/*"])),
        ReadOnly => Document(Allow("ec2:Describe*", "rds:Describe*", "lambda:ListFunctions", "lambda:GetFunctionConfiguration",
            "s3:ListAllMyBuckets", "s3:GetBucketLocation", "sqs:ListQueues", "sns:ListTopics", "iam:GetRole", "iam:ListRoles",
            "kms:ListKeys", "kms:DescribeKey", "cloudwatch:GetMetricData", "logs:DescribeLogGroups")),
        LambdaBasic => Document(Allow("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords")),
        AuditRead => Document(Allow("config:BatchGetResourceConfig", "config:SelectResourceConfig", "config:DescribeConfigurationRecorders",
            "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport", "tag:GetResources",
            "servicequotas:ListServiceQuotas", "servicequotas:GetServiceQuota")),
        CiDeploy => Document(
            Allow("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload", "ecr:PutImage", "ecs:DescribeServices", "ecs:UpdateService"),
            Statement("Allow", null, ["s3:PutObject"], [$"arn:aws:s3:::{prefix}-*-artifacts-*/*"])),
        AdminFullAccess => Document(Allow("*")),
        DenyAll => Document(Deny("*")),
        PolicyManager => Document(Allow("iam:CreatePolicyVersion", "iam:GetPolicyVersion", "iam:ListPolicyVersions")),
        DenyPolicyWrites => Document(Deny("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion")),
        PassRoleAny => Document(Allow("iam:PassRole", "iam:ListRoles")),
        Ec2Launcher => Document(Allow("ec2:RunInstances", "ec2:DescribeInstances", "ec2:DescribeImages")),
        UserHelper => Document(Allow("iam:AttachUserPolicy", "iam:ListAttachedUserPolicies")),
        KeyMinter => Document(Allow("iam:CreateAccessKey", "iam:ListAccessKeys")),
        LambdaCodeDeployer => Document(Allow("lambda:UpdateFunctionCode", "lambda:GetFunction", "lambda:PublishVersion")),
        PowerUser => Document(Statement("Allow", null, ["iam:*", "organizations:*", "account:*"], ["*"], actionKey: "NotAction")),
        _ when name.StartsWith(AppDataPrefix, StringComparison.Ordinal) => AppData(accountId, prefix, name[AppDataPrefix.Length..]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such demo policy"),
    };

    private static JsonObject AppData(string accountId, string prefix, string application) => Document(
        Statement("Allow", null, ["s3:GetObject", "s3:PutObject"], [$"arn:aws:s3:::{prefix}-{application}-*/*"]),
        Statement("Allow", null, ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            [$"arn:aws:sqs:*:{accountId}:{prefix}-{application}-*"]),
        Statement("Allow", null, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
            [$"arn:aws:dynamodb:*:{accountId}:table/{prefix}-{application}-*"]),
        Statement("Allow", null, ["kms:Decrypt", "kms:GenerateDataKey"], [$"arn:aws:kms:*:{accountId}:key/*"]));

    /// <summary>A trust policy statement letting principals assume the role, optionally under a condition.</summary>
    public static JsonObject TrustStatement(string effect, JsonNode principal, JsonObject? condition = null)
    {
        var statement = new JsonObject { ["Effect"] = effect, ["Principal"] = principal, ["Action"] = "sts:AssumeRole" };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }
        return statement;
    }

    public static JsonObject Trust(JsonNode principal, JsonObject? condition = null) =>
        Document(TrustStatement("Allow", principal, condition));
}
