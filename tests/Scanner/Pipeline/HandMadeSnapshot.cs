using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>A small snapshot written by a test: two customers, a few buckets with the tags the test chooses.</summary>
internal sealed class HandMadeSnapshot : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public HandMadeSnapshot()
    {
        File.WriteAllText(Path.Combine(Root, "guardrails.yaml"), """
            estate:
              customers:
                - { id: acme, name: Acme Foods, accounts: ["111111111111"] }
                - { id: globex, name: Globex Retail, accounts: ["333333333333"] }
              regions: [eu-west-1]
            """);
        File.WriteAllText(Path.Combine(Root, "collection.json"), """{"collectedAt": "2026-11-01T02:00:00Z", "gaps": []}""");
    }

    public string Root => _directory.Path;

    public string Out => Path.Combine(Root, "..", Path.GetFileName(Root) + "-out");

    /// <summary>Adds a bucket as an AWS Config snapshot file would hold it.</summary>
    public HandMadeSnapshot Bucket(string account, string name, Dictionary<string, string> tags)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, account, "config")).FullName;
        var item = new Dictionary<string, object>
        {
            ["configurationItemVersion"] = "1.3", ["awsAccountId"] = account, ["configurationItemStatus"] = "OK",
            ["resourceType"] = "AWS::S3::Bucket", ["resourceId"] = name, ["resourceName"] = name, ["ARN"] = $"arn:aws:s3:::{name}",
            ["awsRegion"] = "eu-west-1", ["tags"] = tags, ["configuration"] = new { name }, ["supplementaryConfiguration"] = new { },
        };
        File.WriteAllText(Path.Combine(folder, $"eu-west-1-{name}.json"), JsonSerializer.Serialize(new { fileVersion = "1.0", configurationItems = new[] { item } }));
        return this;
    }

    /// <summary>Gives the account one role, as its IAM authorization details would list it.</summary>
    public HandMadeSnapshot Role(string account, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, account, "iam")).FullName;
        var role = new
        {
            RoleName = name, RoleId = "AROA" + name.ToUpperInvariant(), Arn = $"arn:aws:iam::{account}:role/{name}", Path = "/",
            AssumeRolePolicyDocument = new { Statement = new[] { new { Effect = "Allow", Principal = new { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" } } },
            RolePolicyList = Array.Empty<object>(), AttachedManagedPolicies = Array.Empty<object>(),
        };
        File.WriteAllText(Path.Combine(folder, "authorization-details.json"), JsonSerializer.Serialize(new
        {
            UserDetailList = Array.Empty<object>(), GroupDetailList = Array.Empty<object>(), RoleDetailList = new[] { role }, Policies = Array.Empty<object>(),
        }));
        return this;
    }

    public static Dictionary<string, string> CompliantTags(string customer) => new()
    {
        ["owner"] = "team@example.com", ["customer"] = customer, ["environment"] = "production", ["cost-centre"] = "CC-1001",
    };

    public void Dispose()
    {
        _directory.Dispose();
        if (Directory.Exists(Out))
        {
            Directory.Delete(Out, recursive: true);
        }
    }
}
