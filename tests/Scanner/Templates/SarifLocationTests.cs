using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Reports.Formats;
using System.Text.Json;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

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

    private static void InTemporaryDirectory(Action<string> test)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"guardrails-sarif-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            test(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheSarifOfACheckIsValidAgainstTheSarif210Schema()
    {
        InTemporaryDirectory(directory =>
        {
            var path = Path.Combine(directory, "stack.yaml");
            File.WriteAllText(path, Template);

            var sarif = TemplateChecks.Render(ReportFormat.Sarif, TemplateChecks.Run(path), directory);

            Assert.Empty(Ocado.Guardrails.Tests.Reports.Formats.JsonSchemas.Errors(Ocado.Guardrails.Tests.Reports.Formats.JsonSchemas.Sarif, sarif));
        });
    }

    [Fact]
    public void SarifResultsPointAtTheLineAndColumnOfTheStatementAtFaultAndKeepWaiversAsSuppressions()
    {
        InTemporaryDirectory(directory =>
        {
            var path = Path.Combine(directory, "stack.yaml");
            File.WriteAllText(path, Template);
            var result = TemplateChecks.Run(path);
            using var sarif = JsonDocument.Parse(TemplateChecks.Render(ReportFormat.Sarif, result, directory));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

            var open = results.Single(r => r.GetProperty("ruleId").GetString() == "segregation-bucket-policy-no-foreign-access");
            var location = open.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("stack.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            // The statement of OpenPolicy that lets everyone in, not the bucket's logical id.
            Assert.Equal(10, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(37, location.GetProperty("region").GetProperty("startColumn").GetInt32());
            Assert.Equal("error", open.GetProperty("level").GetString());

            var waived = results.Single(r => r.GetProperty("ruleId").GetString() == "segregation-role-trust-no-foreign-account");
            Assert.Equal(17, waived.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal("vendor access reviewed in SEC-42", waived.GetProperty("suppressions")[0].GetProperty("justification").GetString());
            Assert.DoesNotContain(TemplateChecks.Open(result), f => f.Location!.LogicalId == "Waived" && f.RuleId == "segregation-role-trust-no-foreign-account");
        });
    }

    [Fact]
    public void TheCheckSarifComesFromTheScanWriterWithRuleDescriptionsNotesForWhatWasNotAssessedAndStableFingerprints()
    {
        InTemporaryDirectory(directory =>
        {
            var path = Path.Combine(directory, "stack.yaml");
            File.WriteAllText(path, Template + """

                  Api:
                    Type: AWS::Serverless::Function
                    Properties: { Handler: app.handler, Runtime: python3.12 }
                """);
            var moved = Path.Combine(directory, "moved.yaml");
            File.WriteAllText(moved, Template.Replace("Resources:\n", "Resources:\n\n\n", StringComparison.Ordinal));
            var broken = Path.Combine(directory, "broken.yaml");
            File.WriteAllText(broken, "Resources: [");

            var sarif = TemplateChecks.Render(ReportFormat.Sarif, TemplateChecks.Run(path), directory);
            Assert.Empty(Ocado.Guardrails.Tests.Reports.Formats.JsonSchemas.Errors(Ocado.Guardrails.Tests.Reports.Formats.JsonSchemas.Sarif, sarif));
            var run = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];

            // The rules that ran, described as a scan describes them: what GitHub needs to rank an alert.
            var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == "segregation-bucket-policy-no-foreign-access");
            Assert.Equal("9.5", rule.GetProperty("properties").GetProperty("security-severity").GetString());
            Assert.True(rule.TryGetProperty("help", out _));
            var open = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "segregation-bucket-policy-no-foreign-access");
            Assert.Equal("fail", open.GetProperty("kind").GetString());
            Assert.Equal("Open", open.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString());
            Assert.Equal("arn:aws:s3:::open", open.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
            var waived = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "segregation-role-trust-no-foreign-account");
            Assert.Equal("inSource", waived.GetProperty("suppressions")[0].GetProperty("kind").GetString());

            // What no rule judged is a note of the run at its line, not silence.
            var invocation = run.GetProperty("invocations")[0];
            Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
            var note = invocation.GetProperty("toolExecutionNotifications").EnumerateArray()
                .Single(n => n.GetProperty("message").GetProperty("text").GetString()!.StartsWith("Api (AWS::Serverless::Function) not assessed: SAM resource", StringComparison.Ordinal));
            Assert.Equal("note", note.GetProperty("level").GetString());
            Assert.Equal(Array.IndexOf(File.ReadAllLines(path), "  Api:") + 1, note.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());

            // A finding keeps its fingerprint when its line moves, and differs from the same resource in another file.
            static string Fingerprint(string sarif, string file) => JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Single(r => r.GetProperty("ruleId").GetString() == "segregation-bucket-policy-no-foreign-access"
                    && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == file)
                .GetProperty("partialFingerprints").GetProperty("guardrailsFinding/v1").GetString()!;
            var both = TemplateChecks.Render(ReportFormat.Sarif, TemplateChecks.Run([path, moved]), directory);
            Assert.Equal(Fingerprint(sarif, "stack.yaml"), Fingerprint(both, "stack.yaml"));
            Assert.NotEqual(Fingerprint(both, "stack.yaml"), Fingerprint(both, "moved.yaml"));

            // A template that cannot be read makes the run unsuccessful, with the error as a notification.
            var failed = JsonDocument.Parse(TemplateChecks.Render(ReportFormat.Sarif, TemplateChecks.Run(broken), directory)).RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
            Assert.False(failed.GetProperty("executionSuccessful").GetBoolean());
            Assert.Equal("error", failed.GetProperty("toolExecutionNotifications")[0].GetProperty("level").GetString());
        });
    }

    [Fact]
    public void AnExpiredWaiverNoLongerSuppresses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"guardrails-expired-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Template.Replace("2099-01-01", "2020-01-01", StringComparison.Ordinal));
        try
        {
            var result = TemplateChecks.Run(path);
            Assert.Contains(TemplateChecks.Open(result), f => f.Location!.LogicalId == "Waived" && f.RuleId == "segregation-role-trust-no-foreign-account");
            Assert.Equal(1, Ocado.Guardrails.Scanner.Cli.CheckCommand.ExitCode(result, Severity.High));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
