using System.Text.Json;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Templates;

public sealed class SarifLocationTests
{
    private const string Template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Open:
            Type: AWS::S3::Bucket
            Properties: { BucketName: open }
          OpenPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Open
              PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: s3:GetObject, Resource: '*' }] }
          Waived:
            Type: AWS::IAM::Role
            Metadata:
              guardrails:
                waivers: [{ rule: segregation-role-trust-no-foreign-account, reason: vendor access reviewed in SEC-42, expires: '2099-01-01' }]
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: '999988887777' }, Action: sts:AssumeRole }] }
        """;

    [Fact]
    public void TheSarifOfACheckIsValidAgainstTheSarif210Schema()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"guardrails-sarif-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "stack.yaml");
            File.WriteAllText(path, Template);

            var sarif = SarifReport.Write(TemplateChecks.Run(path), directory);

            Assert.Empty(Ocado.Guardrails.Tests.Formats.JsonSchemas.Errors(Ocado.Guardrails.Tests.Formats.JsonSchemas.Sarif, sarif));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void SarifResultsPointAtTheLineAndColumnOfTheLogicalIdAndKeepWaiversAsSuppressions()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"guardrails-sarif-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "stack.yaml");
            File.WriteAllText(path, Template);
            var result = TemplateChecks.Run(path);
            using var sarif = JsonDocument.Parse(SarifReport.Write(result, directory));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

            var open = results.Single(r => r.GetProperty("ruleId").GetString() == "segregation-bucket-policy-no-foreign-access");
            var location = open.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("stack.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(3, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(3, location.GetProperty("region").GetProperty("startColumn").GetInt32());
            Assert.Equal("error", open.GetProperty("level").GetString());

            var waived = results.Single(r => r.GetProperty("ruleId").GetString() == "segregation-role-trust-no-foreign-account");
            Assert.Equal(11, waived.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal("vendor access reviewed in SEC-42", waived.GetProperty("suppressions")[0].GetProperty("justification").GetString());
            Assert.DoesNotContain(result.Open, f => f.LogicalId == "Waived" && f.RuleId == "segregation-role-trust-no-foreign-account");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AnExpiredWaiverNoLongerSuppresses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"guardrails-expired-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Template.Replace("2099-01-01", "2020-01-01", StringComparison.Ordinal));
        try
        {
            var result = TemplateChecks.Run(path);
            Assert.Contains(result.Open, f => f.LogicalId == "Waived" && f.RuleId == "segregation-role-trust-no-foreign-account");
            Assert.Equal(1, Ocado.Guardrails.Scanner.Cli.CheckCommand.ExitCode(result, "high"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
