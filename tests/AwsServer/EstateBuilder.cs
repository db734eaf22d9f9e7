using System.Globalization;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// A deterministic estate of many accounts: Config items of several types per region (some tagged,
/// some with policies), quotas for the quota rules' service codes, IAM users, groups, roles and
/// policies with documents, and a credential report.
/// </summary>
public static class EstateBuilder
{
    private static readonly string[] Types = ["AWS::S3::Bucket", "AWS::EC2::VPC", "AWS::EC2::SecurityGroup", "AWS::KMS::Key", "AWS::SQS::Queue", "AWS::SNS::Topic"];

    public static ServedEstate Build(int accounts, IReadOnlyList<string> regions, int resourcesPerRegion = 12, int iamUsers = 3)
    {
        var served = new Dictionary<string, ServedAccount>(StringComparer.Ordinal);
        for (var a = 0; a < accounts; a++)
        {
            var account = new ServedAccount((100000000000L + (a * 1111)).ToString(CultureInfo.InvariantCulture));
            foreach (var region in regions)
            {
                AddRegion(account, region, resourcesPerRegion, isHome: region == regions[0]);
            }
            AddIam(account, iamUsers);
            served[account.Id] = account;
        }
        return new ServedEstate { Regions = regions, Accounts = served };
    }

    private static void AddRegion(ServedAccount account, string region, int count, bool isHome)
    {
        var items = account.ConfigItems[region] = [];
        var mappings = account.TagMappings[region] = [];
        for (var i = 0; i < count; i++)
        {
            var type = Types[i % Types.Length];
            var id = $"{type.Split("::")[2].ToLowerInvariant()}-{account.Id[^4..]}-{region}-{i:D3}";
            var arn = type switch
            {
                "AWS::S3::Bucket" => $"arn:aws:s3:::{id}",
                "AWS::SQS::Queue" or "AWS::SNS::Topic" => $"arn:aws:{(type == "AWS::SQS::Queue" ? "sqs" : "sns")}:{region}:{account.Id}:{id}",
                "AWS::KMS::Key" => $"arn:aws:kms:{region}:{account.Id}:key/{id}",
                _ => $"arn:aws:ec2:{region}:{account.Id}:{(type == "AWS::EC2::VPC" ? "vpc" : "security-group")}/{id}",
            };
            var configuration = new JsonObject { ["name"] = id, ["index"] = i, ["encrypted"] = i % 3 != 0 };
            var supplementary = new JsonObject();
            if (type == "AWS::S3::Bucket")
            {
                var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{account.Id}:root" }, ["Action"] = "s3:GetObject", ["Resource"] = $"{arn}/*" }) };
                supplementary["BucketPolicy"] = new JsonObject { ["policyText"] = policy.ToJsonString() }.ToJsonString();
            }
            items.Add(new JsonObject
            {
                ["version"] = "1.3", ["accountId"] = account.Id, ["configurationItemCaptureTime"] = 1735689600.0 + i,
                ["configurationItemStatus"] = "OK", ["configurationStateId"] = (1735689600000L + i).ToString(CultureInfo.InvariantCulture),
                ["arn"] = arn, ["resourceType"] = type, ["resourceId"] = id, ["resourceName"] = id, ["awsRegion"] = region,
                ["availabilityZone"] = "Regional", ["configuration"] = configuration.ToJsonString(), ["supplementaryConfiguration"] = supplementary,
            });
            if (i % 4 != 3)
            {
                var tags = new JsonArray(
                    Tag("owner", $"team-{i % 5}@example.com"), Tag("customer", $"customer-{account.Id[^2..]}"),
                    Tag("environment", i % 2 == 0 ? "prod" : "dev"), Tag("cost-centre", $"CC-{1000 + i}"));
                mappings.Add(new JsonObject { ["ResourceARN"] = arn, ["Tags"] = tags });
            }
        }
        var quotas = account.Quotas[region] = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var rule in Ocado.Guardrails.Rules.Quotas.QuotaUsageTable.Rules.Where(r => !r.Global || isHome))
        {
            var list = quotas.TryGetValue(rule.ServiceCode, out var existing) ? existing : quotas[rule.ServiceCode] = [];
            list.Add(new JsonObject
            {
                ["ServiceCode"] = rule.ServiceCode, ["ServiceName"] = rule.ServiceCode.ToUpperInvariant(),
                ["QuotaArn"] = $"arn:aws:servicequotas:{region}:{account.Id}:{rule.ServiceCode}/{rule.QuotaCode}",
                ["QuotaCode"] = rule.QuotaCode, ["QuotaName"] = rule.QuotaName, ["Value"] = 5.0 + list.Count, ["Unit"] = "None",
                ["Adjustable"] = true, ["GlobalQuota"] = rule.Global,
            });
        }
    }

    private static void AddIam(ServedAccount account, int users)
    {
        const string created = "2024-01-02T03:04:05Z";
        var userList = new JsonArray();
        var report = new System.Text.StringBuilder("user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_1_last_rotated\n");
        report.Append($"<root_account>,arn:aws:iam::{account.Id}:root,{created},not_supported,true,false,N/A\n");
        for (var u = 0; u < users; u++)
        {
            var name = $"user-{u}";
            userList.Add(new JsonObject
            {
                ["Path"] = "/", ["UserName"] = name, ["UserId"] = $"AIDA{account.Id}{u:D4}", ["Arn"] = $"arn:aws:iam::{account.Id}:user/{name}", ["CreateDate"] = created,
                ["UserPolicyList"] = new JsonArray(new JsonObject { ["PolicyName"] = "inline", ["PolicyDocument"] = Document("s3:ListBucket", "*") }),
                ["GroupList"] = new JsonArray((JsonNode)"admins"), ["AttachedManagedPolicies"] = new JsonArray(), ["Tags"] = new JsonArray(Tag("owner", "it@example.com")),
            });
            report.Append($"{name},arn:aws:iam::{account.Id}:user/{name},{created},true,{(u % 2 == 0 ? "true" : "false")},true,{created}\n");
        }
        var policyArn = $"arn:aws:iam::{account.Id}:policy/audit-extra";
        account.Iam = new JsonObject
        {
            ["UserDetailList"] = userList,
            ["GroupDetailList"] = new JsonArray(new JsonObject
            {
                ["Path"] = "/", ["GroupName"] = "admins", ["GroupId"] = $"AGPA{account.Id}", ["Arn"] = $"arn:aws:iam::{account.Id}:group/admins", ["CreateDate"] = created,
                ["GroupPolicyList"] = new JsonArray(), ["AttachedManagedPolicies"] = new JsonArray(new JsonObject { ["PolicyName"] = "audit-extra", ["PolicyArn"] = policyArn }),
            }),
            ["RoleDetailList"] = new JsonArray(new JsonObject
            {
                ["Path"] = "/", ["RoleName"] = "GuardrailsAudit", ["RoleId"] = $"AROA{account.Id}", ["Arn"] = $"arn:aws:iam::{account.Id}:role/GuardrailsAudit", ["CreateDate"] = created,
                ["AssumeRolePolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::123456789012:root" }, ["Action"] = "sts:AssumeRole", ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = "guardrails+test/1" } } }) },
                ["InstanceProfileList"] = new JsonArray(), ["RolePolicyList"] = new JsonArray(), ["AttachedManagedPolicies"] = new JsonArray(), ["Tags"] = new JsonArray(),
                ["RoleLastUsed"] = new JsonObject { ["LastUsedDate"] = created, ["Region"] = "eu-west-1" },
            }),
            ["Policies"] = new JsonArray(new JsonObject
            {
                ["PolicyName"] = "audit-extra", ["PolicyId"] = $"ANPA{account.Id}", ["Arn"] = policyArn, ["Path"] = "/", ["DefaultVersionId"] = "v1",
                ["AttachmentCount"] = 1, ["PermissionsBoundaryUsageCount"] = 0, ["IsAttachable"] = true, ["CreateDate"] = created, ["UpdateDate"] = created,
                ["PolicyVersionList"] = new JsonArray(new JsonObject { ["Document"] = Document("iam:Get*", "*"), ["VersionId"] = "v1", ["IsDefaultVersion"] = true, ["CreateDate"] = created }),
            }),
        };
        account.CredentialReport = report.ToString();
        AddServicesLastAccessed(account, created);
    }

    /// <summary>Every user and role: S3 used (on a date that varies), IAM never; more services than a page holds for the role.</summary>
    private static void AddServicesLastAccessed(ServedAccount account, string created)
    {
        var principals = account.Iam["UserDetailList"]!.AsArray().Concat(account.Iam["RoleDetailList"]!.AsArray()).Select(p => p!["Arn"]!.GetValue<string>()).ToList();
        foreach (var (arn, p) in principals.Select((arn, p) => (arn, p)))
        {
            var services = new JsonArray(
                new JsonObject { ["ServiceName"] = "Amazon S3", ["LastAuthenticated"] = $"2026-10-{1 + p:D2}T08:00:00Z", ["ServiceNamespace"] = "s3", ["LastAuthenticatedEntity"] = arn, ["LastAuthenticatedRegion"] = "eu-west-1", ["TotalAuthenticatedEntities"] = 1 },
                new JsonObject { ["ServiceName"] = "AWS Identity and Access Management", ["ServiceNamespace"] = "iam", ["TotalAuthenticatedEntities"] = 0 });
            if (arn.Contains(":role/", StringComparison.Ordinal))
            {
                foreach (var extra in new[] { "sqs", "sns", "kms", "ec2", "lambda", "dynamodb", "logs", "cloudwatch" })
                {
                    services.Add(new JsonObject { ["ServiceName"] = extra.ToUpperInvariant(), ["ServiceNamespace"] = extra, ["TotalAuthenticatedEntities"] = 0 });
                }
            }
            account.ServicesLastAccessed[arn] = services;
        }
    }

    private static JsonObject Document(string action, string resource) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource, ["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["aws:PrincipalTag/team"] = "a b+c&d" } } }),
    };

    private static JsonObject Tag(string key, string value) => new() { ["Key"] = key, ["Value"] = value };
}
