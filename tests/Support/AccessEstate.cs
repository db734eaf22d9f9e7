using System.Text.Json;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// A hand-made snapshot for <c>guardrails access</c>: in the dev account a user (alice) who may assume the deployer
/// role, which may assume the prod account's admin role (a role chain across accounts); a reader role let in by the
/// shared-data bucket's policy; a role whose s3:* is bounded by an S3 read-only permissions boundary; and an
/// organisation whose SCP denies deleting buckets.
/// </summary>
internal sealed class AccessEstate : IDisposable
{
    public const string Dev = "111111111111";
    public const string Prod = "222222222222";
    public const string Management = "999999999999";
    public const string Alice = $"arn:aws:iam::{Dev}:user/alice";
    public const string Deployer = $"arn:aws:iam::{Dev}:role/deployer";
    public const string Reader = $"arn:aws:iam::{Dev}:role/reader";
    public const string Bounded = $"arn:aws:iam::{Dev}:role/bounded";
    public const string Admin = $"arn:aws:iam::{Prod}:role/admin";
    public const string Bucket = "arn:aws:s3:::shared-data";
    public const string Partner = "333333333333";
    public const string WebRole = $"arn:aws:iam::{Dev}:role/web";
    /// <summary>A bucket whose policy names an account outside the estate, a service (for the owner's account only) and "*" (under public/).</summary>
    public const string DropBucket = "arn:aws:s3:::partner-drop";

    private readonly TemporaryDirectory _directory = new();

    public string Directory => _directory.Path;

    public AccessEstate()
    {
        var trustEc2 = Document(Statement("Allow", "sts:AssumeRole", null, principal: new { Service = "ec2.amazonaws.com" }));
        Write(Path.Combine(Dev, "iam", "authorization-details.json"), new
        {
            UserDetailList = new[]
            {
                new { UserName = "alice", UserId = "AIDAALICE", Arn = Alice, Path = "/", GroupList = Array.Empty<string>(), AttachedManagedPolicies = Array.Empty<object>(),
                    UserPolicyList = new[] { Inline("assume-deployer", Statement("Allow", "sts:AssumeRole", Deployer, "AssumeDeployer")) } },
            },
            RoleDetailList = new object[]
            {
                Role("deployer", Deployer, Document(Statement("Allow", "sts:AssumeRole", null, "TrustAlice", new { AWS = Alice })),
                    [Inline("assume-prod-admin", Statement("Allow", "sts:AssumeRole", Admin, "AssumeProdAdmin"))]),
                Role("reader", Reader, trustEc2, []),
                Role("web", WebRole, Document(Statement("Allow", "sts:AssumeRoleWithWebIdentity", null, "TrustCognito", new { Federated = "cognito-identity.amazonaws.com" })), []),
                Role("bounded", Bounded, trustEc2, [Inline("all-of-s3", Statement("Allow", "s3:*", "*", "AllOfS3"))],
                    boundary: $"arn:aws:iam::{Dev}:policy/s3-read-only"),
            },
            GroupDetailList = Array.Empty<object>(),
            Policies = new[]
            {
                new { PolicyName = "s3-read-only", PolicyId = "ANPAREADONLY", Arn = $"arn:aws:iam::{Dev}:policy/s3-read-only", Path = "/", DefaultVersionId = "v1",
                    PolicyVersionList = new[] { new { Document = Document(Statement("Allow", "s3:GetObject", "*", "ReadOnly")), VersionId = "v1", IsDefaultVersion = true } } },
            },
        });
        Write(Path.Combine(Prod, "iam", "authorization-details.json"), new
        {
            UserDetailList = Array.Empty<object>(),
            RoleDetailList = new[]
            {
                Role("admin", Admin, Document(Statement("Allow", "sts:AssumeRole", null, "TrustDeployer", new { AWS = Deployer })),
                    [Inline("everything", Statement("Allow", "*", "*", "AdminEverything"))]),
            },
            GroupDetailList = Array.Empty<object>(),
            Policies = Array.Empty<object>(),
        });
        var bucketPolicy = JsonSerializer.Serialize(Document(Statement("Allow", "s3:GetObject", Bucket + "/*", "ReaderGets", new { AWS = Reader })));
        Write(Path.Combine(Dev, "config", "eu-west-1.json"), new
        {
            configurationItems = new[]
            {
                new { resourceType = "AWS::S3::Bucket", ARN = Bucket, resourceId = "shared-data", resourceName = "shared-data", awsAccountId = Dev, awsRegion = "eu-west-1",
                    configuration = new { }, supplementaryConfiguration = new { BucketPolicy = new { policyText = bucketPolicy } } },
                new { resourceType = "AWS::S3::Bucket", ARN = DropBucket, resourceId = "partner-drop", resourceName = "partner-drop", awsAccountId = Dev, awsRegion = "eu-west-1",
                    configuration = new { }, supplementaryConfiguration = new { BucketPolicy = new { policyText = JsonSerializer.Serialize(DropPolicy()) } } },
            },
        });
        Write("collection.json", new { collectedAt = "2026-11-01T02:00:00Z", gaps = Array.Empty<object>() });
        WriteOrganization();
    }

    private static object DropPolicy()
    {
        var logs = (Dictionary<string, object>)Statement("Allow", "s3:PutObject", DropBucket + "/logs/*", "LogDelivery", new { Service = "logging.s3.amazonaws.com" });
        logs["Condition"] = new { StringEquals = new Dictionary<string, string> { ["aws:SourceAccount"] = Dev } };
        return Document(
            Statement("Allow", "s3:GetObject", DropBucket + "/*", "PartnerGets", new { AWS = $"arn:aws:iam::{Partner}:root" }),
            logs,
            Statement("Allow", "s3:GetObject", DropBucket + "/public/*", "PublicGets", "*"));
    }

    private void WriteOrganization()
    {
        const string org = "o-abcd1234ef", root = "r-ab12";
        Write("organizations/list-roots.json", new { Roots = new[] { new { Id = root, Arn = $"arn:aws:organizations::{Management}:root/{org}/{root}", Name = "Root",
            PolicyTypes = new[] { new { Type = "SERVICE_CONTROL_POLICY", Status = "ENABLED" } } } } });
        Write($"organizations/list-organizational-units-for-parent/{root}.json", new { OrganizationalUnits = Array.Empty<object>() });
        Write($"organizations/list-accounts-for-parent/{root}.json", new { Accounts = new[] { Dev, Prod, Management }.Select(id => new { Id = id, Name = id }) });
        var full = new { Id = "p-FullAWSAccess", Name = "FullAWSAccess" };
        var deny = new { Id = "p-nobucketdeletion", Name = "no-bucket-deletion" };
        Write($"organizations/list-policies-for-target/{root}/SERVICE_CONTROL_POLICY.json", new { Policies = new[] { full, deny } });
        Write($"organizations/describe-policy/{full.Id}.json", new { Policy = new { PolicySummary = full, Content = JsonSerializer.Serialize(Document(Statement("Allow", "*", "*", "FullAWSAccess"))) } });
        Write($"organizations/describe-policy/{deny.Id}.json", new { Policy = new { PolicySummary = deny, Content = JsonSerializer.Serialize(Document(Statement("Deny", "s3:DeleteBucket", "*", "NoBucketDeletion"))) } });
    }

    private static object Role(string name, string arn, object trust, object[] inline, string? boundary = null) => new Dictionary<string, object?>
    {
        ["RoleName"] = name, ["RoleId"] = "AROA" + name.ToUpperInvariant(), ["Arn"] = arn, ["Path"] = "/", ["AssumeRolePolicyDocument"] = trust,
        ["RolePolicyList"] = inline, ["AttachedManagedPolicies"] = Array.Empty<object>(), ["InstanceProfileList"] = Array.Empty<object>(),
        ["PermissionsBoundary"] = boundary is null ? null : new { PermissionsBoundaryType = "Policy", PermissionsBoundaryArn = boundary },
    };

    private static object Inline(string name, object statement) => new { PolicyName = name, PolicyDocument = Document(statement) };

    private static object Document(params object[] statements) => new { Version = "2012-10-17", Statement = statements };

    private static object Statement(string effect, string action, string? resource, string? sid = null, object? principal = null)
    {
        var statement = new Dictionary<string, object> { ["Effect"] = effect, ["Action"] = action };
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }
        if (resource is not null)
        {
            statement["Resource"] = resource;
        }
        if (principal is not null)
        {
            statement["Principal"] = principal;
        }
        return statement;
    }

    private void Write(string relative, object content)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(content));
    }

    public void Dispose() => _directory.Dispose();
}
