using System.Text.Json;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// A hand-made snapshot: customer acme with one account, buckets in eu-west-1 tagged as told, and a
/// guardrails.yaml to which a test may append sections (waivers, schedules, storage).
/// </summary>
internal sealed class TinyEstate : IDisposable
{
    public const string Account = "111111111111";
    public const string OtherAccount = "222222222222";

    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<string, Dictionary<string, string>> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);

    public string Directory => _directory.Path;

    public string ConfigPath => System.IO.Path.Combine(Directory, "guardrails.yaml");

    public string Extra { get; set; } = "";

    public static string Arn(string bucket) => $"arn:aws:s3:::{bucket}";

    /// <summary>A bucket that passes every tagging rule of the catalog.</summary>
    public TinyEstate Compliant(string bucket) => Bucket(bucket, new()
    {
        ["owner"] = "team@acme.example", ["customer"] = "acme", ["environment"] = "production", ["cost-centre"] = "CC-1234",
    });

    /// <summary>A bucket without an owner tag: it fails tagging-required-tags.</summary>
    public TinyEstate Untagged(string bucket) => Bucket(bucket, new() { ["customer"] = "acme", ["environment"] = "production", ["cost-centre"] = "CC-1234" });

    public TinyEstate Remove(string bucket)
    {
        _buckets.Remove(bucket);
        return this;
    }

    /// <summary>Writes guardrails.yaml and the account's AWS Config file as they stand now.</summary>
    public TinyEstate Write()
    {
        File.WriteAllText(ConfigPath, $$"""
            estate:
              customers:
                - id: acme
                  name: Acme Foods
                  accounts: ["{{Account}}"]
                - id: globex
                  name: Globex Retail
                  accounts: ["{{OtherAccount}}"]
              regions: [eu-west-1]
            {{Extra}}
            """);
        var config = System.IO.Path.Combine(Directory, Account, "config");
        System.IO.Directory.CreateDirectory(config);
        var items = _buckets.Select(b => new Dictionary<string, object>
        {
            ["resourceType"] = "AWS::S3::Bucket", ["ARN"] = Arn(b.Key), ["resourceId"] = b.Key, ["resourceName"] = b.Key,
            ["awsAccountId"] = Account, ["awsRegion"] = "eu-west-1", ["tags"] = b.Value, ["configuration"] = new Dictionary<string, object>(),
            // Where AWS Config records a bucket policy.
            ["supplementaryConfiguration"] = _policies.TryGetValue(b.Key, out var policy)
                ? new Dictionary<string, object> { ["BucketPolicy"] = new Dictionary<string, object> { ["bucketName"] = b.Key, ["policyText"] = policy } }
                : new Dictionary<string, object>(),
        });
        File.WriteAllText(System.IO.Path.Combine(config, "eu-west-1.json"), JsonSerializer.Serialize(new { configurationItems = items }));
        File.WriteAllText(System.IO.Path.Combine(Directory, "collection.json"), """{"collectedAt": "2026-11-01T02:00:00Z", "gaps": [{"accountId": "222222222222", "region": null, "source": "sts:AssumeRole", "reason": "AccessDenied"}]}""");
        return this;
    }

    public TinyEstate Bucket(string bucket, Dictionary<string, string> tags)
    {
        _buckets[bucket] = tags;
        return this;
    }

    /// <summary>Gives a bucket a bucket policy (its text, as AWS Config records it).</summary>
    public TinyEstate Policy(string bucket, string policyText)
    {
        _policies[bucket] = policyText;
        return this;
    }

    public void Dispose() => _directory.Dispose();
}
