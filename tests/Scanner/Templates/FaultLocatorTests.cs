using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary><c>guardrails check</c> places a finding where its fault is written, in YAML and JSON templates alike.</summary>
public sealed class FaultLocatorTests
{
    private static readonly string Data = Path.Combine(Support.RepoPaths.TestData, "cloudformation");

    private const string SourceAccountSid = "Allow source account access to KMS key in destination account";

    public static TheoryData<string> KmsReplicationTemplates() => new(
        "aws-cloudformation-templates/Solutions/S3CrossAccountReplicationWithKMS/templates/destination.yaml",
        "aws-cloudformation-templates/Solutions/S3CrossAccountReplicationWithKMS/templates/destination.json");

    [Theory]
    [MemberData(nameof(KmsReplicationTemplates))]
    public void AKeyPolicyFindingIsPlacedAtTheStatementAtFaultNotAtTheFirstStatementNorTheLogicalId(string template)
    {
        var path = Path.Combine(Data, template);

        var finding = Assert.Single(TemplateChecks.Run(path).Findings, f => f.RuleId == "segregation-key-policy-no-foreign-access");

        // The evidence names the second statement, which lets in the source account (outside the estate).
        var statement = JsonDocument.Parse(finding.Evidence!).RootElement.GetProperty("statements")[0];
        Assert.Equal(1, statement.GetProperty("index").GetInt32());
        Assert.Equal(SourceAccountSid, statement.GetProperty("sid").GetString());
        Assert.Equal(("KmsKey", path), (finding.Location!.LogicalId, finding.Location.File));
        Assert.StartsWith(Squash($"Sid: {SourceAccountSid}"), Squash(From(path, finding.Location)).TrimStart('{'), StringComparison.Ordinal);
    }

    [Fact]
    public void ABucketPolicyFindingIsPlacedAtTheBucketPolicyResourcesStatementInAYamlTemplate()
    {
        var path = Path.Combine(Data, "aws-cloudformation-templates/S3/s3-bucket-and-policy-for-caa-v1.yaml");

        var finding = Assert.Single(TemplateChecks.Run(path).Findings, f => f.RuleId == "segregation-bucket-policy-no-foreign-access");

        var sid = JsonDocument.Parse(finding.Evidence!).RootElement.GetProperty("statements")[0].GetProperty("sid").GetString();
        Assert.Equal("Bucket", finding.Location!.LogicalId);
        Assert.StartsWith(Squash($"Sid: {sid}"), Squash(From(path, finding.Location)), StringComparison.Ordinal);
        Assert.True(finding.Location.Line > Line(path, "  BucketPolicy:"), $"line {finding.Location.Line}");
    }

    [Fact]
    public void AManagedPolicysNotActionFindingIsPlacedAtItsSecondStatementInAJsonTemplate()
    {
        var path = Path.Combine(Data, "cfn_nag/json/iam_managed_policy/iam_managed_policy_with_not_action.json");

        var finding = Assert.Single(TemplateChecks.Run(path).Findings, f => f.RuleId == "iam-policy-no-allow-not-action" && f.Verdict == Verdict.Fail);

        Assert.Equal(1, JsonDocument.Parse(finding.Evidence!).RootElement.GetProperty("statements")[0].GetProperty("index").GetInt32());
        Assert.StartsWith(Squash("""{"Effect": "Allow", "NotAction": "rds:CreateDBInstance" """), Squash(From(path, finding.Location!)), StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleTrustFindingIsPlacedAtTheTrustStatementInYamlAndJson()
    {
        foreach (var template in new[] { "VPCPeering-Accepter-Role.cfn.yaml", "VPCPeering-Accepter-Role.cfn.json" })
        {
            var path = Path.Combine(Data, "aws-cloudformation-templates/Solutions/VPCPeering/templates", template);

            var finding = Assert.Single(TemplateChecks.Run(path).Findings, f => f.RuleId == "segregation-role-trust-no-foreign-account");

            var trust = Line(path, "AssumeRolePolicyDocument");
            Assert.InRange(finding.Location!.Line, trust + 1, trust + 4);
            Assert.Matches("^\\{?\"?Effect\"?:", Squash(From(path, finding.Location)));
        }
    }

    [Theory]
    [InlineData("yaml", """
        Resources:
          Orders:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: orders
              Tags:
                - Key: owner
                  Value: team@acme.example
                - Key: environment
                  Value: prod
        """)]
    [InlineData("json", """
        {"Resources": {
          "Orders": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders", "Tags": [
            {"Key": "owner", "Value": "team@acme.example"},
            {"Key": "environment", "Value": "prod"}]}}}}
        """)]
    public void ATagFindingIsPlacedAtTheTagAtFaultAndAMissingTagAtTheTagsProperty(string extension, string text)
    {
        using var directory = new Support.TemporaryDirectory();
        var path = Path.Combine(directory.Path, $"orders.{extension}");
        File.WriteAllText(path, text);

        var findings = TemplateChecks.Run(path).Findings;

        var environment = Assert.Single(findings, f => f.RuleId == "tagging-environment-allowed-values").Location!;
        Assert.Matches("^\\{?\"?Key\"?:\"?environment", Squash(From(path, environment)));
        var missing = Assert.Single(findings, f => f.RuleId == "tagging-required-tags").Location!;
        Assert.Equal(Line(path, "Tags"), missing.Line);
    }

    /// <summary>The file's text from the location on.</summary>
    private static string From(string path, SourceLocation location)
    {
        var lines = File.ReadAllLines(path);
        return string.Join("\n", [lines[location.Line - 1][(location.Column - 1)..], .. lines.Skip(location.Line)]);
    }

    /// <summary>The 1-based line of the first line containing the text.</summary>
    private static int Line(string path, string text) => Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>The text without whitespace and quotes, so that YAML and JSON layouts compare alike.</summary>
    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '"'));
}
