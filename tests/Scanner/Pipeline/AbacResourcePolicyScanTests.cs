using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// A scan judges each principal with its account's index, not the whole account: a resource policy that grants by a
/// principal's tag must be in that index, or the ABAC rule passes a role that can retag itself into the grant (the
/// rule's own fixtures, which hold every resource, never showed it). The case is the fixture's, collected as a snapshot.
/// </summary>
public sealed class AbacResourcePolicyScanTests
{
    private const string Rule = "segregation-abac-tags-not-changeable";
    private const string Role = "arn:aws:iam::111111111111:role/export-reader";

    [Fact]
    public void ABucketPolicyGrantingByTheCustomerTagFailsARoleThatMayTagItselfNamingThePolicy()
    {
        var finding = Scan("""{"StringEquals": {"aws:PrincipalTag/customer": "acme", "aws:PrincipalAccount": "111111111111"}}""");

        Assert.Equal("fail", finding.GetProperty("verdict").GetString());
        Assert.Contains("the bucket policy of acme-exports", finding.GetProperty("message").GetString());
    }

    [Fact]
    public void ATagKeySpelledWithAnEscapeIsStillSeen()
    {
        // "aws:PrincipalTag/customer" with its T written as \u0054 inside the policy string.
        var finding = Scan("""{"StringEquals": {"aws:Principal\u0054ag/customer": "acme"}}""");

        Assert.Equal("fail", finding.GetProperty("verdict").GetString());
    }

    [Fact]
    public void TheSameBucketPolicyWithoutATagConditionGrantsNothingByTag()
    {
        using var findings = JsonDocument.Parse(ScanFindings("""{"StringEquals": {"aws:PrincipalAccount": "111111111111"}}""", out _));

        // Skip is not written: no finding of the rule for the role.
        Assert.DoesNotContain(findings.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == Rule && f.GetProperty("resourceArn").GetString() == Role && f.GetProperty("verdict").GetString() == "fail");
    }

    private static JsonElement Scan(string condition)
    {
        using var findings = JsonDocument.Parse(ScanFindings(condition, out var log));
        var mine = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == Rule && f.GetProperty("resourceArn").GetString() == Role)
            .ToList();
        Assert.True(mine.Count == 1, $"{mine.Count} findings of {Rule} for {Role}: {log}");
        return mine[0].Clone();
    }

    private static string ScanFindings(string condition, out string log)
    {
        using var snapshot = new HandMadeSnapshot();
        var policy = $$$"""{"Version": "2012-10-17", "Statement": [{"Sid": "AcmeTaggedPrincipals", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-exports/*", "Condition": {{{condition}}}}]}""";
        WriteBucket(snapshot, policy);
        WriteRole(snapshot);
        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--no-store",
            "--rules", Path.Combine(RepoPaths.Catalog, "segregation", Rule + ".csx"));
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        log = run.Error;
        return File.ReadAllText(Path.Combine(snapshot.Out, "findings.json"));
    }

    private static void WriteBucket(HandMadeSnapshot snapshot, string policy)
    {
        var folder = Directory.CreateDirectory(Path.Combine(snapshot.Root, "111111111111", "config")).FullName;
        var item = new Dictionary<string, object>
        {
            ["configurationItemVersion"] = "1.3", ["awsAccountId"] = "111111111111", ["configurationItemStatus"] = "OK",
            ["resourceType"] = "AWS::S3::Bucket", ["resourceId"] = "acme-exports", ["resourceName"] = "acme-exports", ["ARN"] = "arn:aws:s3:::acme-exports",
            ["awsRegion"] = "eu-west-1", ["tags"] = HandMadeSnapshot.CompliantTags("acme"), ["configuration"] = new { name = "acme-exports" },
            ["supplementaryConfiguration"] = new { BucketPolicy = new { policyText = policy } },
        };
        File.WriteAllText(Path.Combine(folder, "eu-west-1.json"), JsonSerializer.Serialize(new { fileVersion = "1.0", configurationItems = new[] { item } }));
    }

    private static void WriteRole(HandMadeSnapshot snapshot)
    {
        var folder = Directory.CreateDirectory(Path.Combine(snapshot.Root, "111111111111", "iam")).FullName;
        var role = new
        {
            RoleName = "export-reader", RoleId = "AROAEXPORTREADER", Arn = Role, Path = "/", CreateDate = "2025-01-10T09:00:00+00:00",
            AssumeRolePolicyDocument = new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "arn:aws:iam::111111111111:root" }, Action = "sts:AssumeRole" } } },
            RolePolicyList = new[]
            {
                new
                {
                    PolicyName = "self",
                    PolicyDocument = new { Version = "2012-10-17", Statement = new[] { new { Sid = "TagMyself", Effect = "Allow", Action = new[] { "iam:TagRole", "iam:UntagRole" }, Resource = "arn:aws:iam::111111111111:role/*" } } },
                },
            },
            AttachedManagedPolicies = Array.Empty<object>(),
            Tags = new[] { new { Key = "customer", Value = "acme" } },
        };
        File.WriteAllText(Path.Combine(folder, "authorization-details.json"), JsonSerializer.Serialize(new
        {
            UserDetailList = Array.Empty<object>(), GroupDetailList = Array.Empty<object>(), RoleDetailList = new[] { role }, Policies = Array.Empty<object>(),
        }));
    }
}
