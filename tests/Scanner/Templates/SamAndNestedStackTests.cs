using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// SAM resources and nested stacks hide what they create until CloudFormation processes them: each is
/// reported as not assessed with a reason that says where to look, never skipped in silence.
/// </summary>
public sealed class SamAndNestedStackTests
{
    private static readonly string Data = Path.Combine(RepoPaths.TestData, "cloudformation");

    [Fact]
    public void EverySamResourceOfARealSamTemplateIsNotAssessedAndSaysToCheckTheTransformedTemplate()
    {
        // cfn_nag fails this template with F38 and F3 on the roles the transform creates, which the template does not show.
        var result = TemplateChecks.Run(Path.Combine(Data, "cfn_nag/yaml/sam/serverless_rest_api_with_basepathmapping.yml"));

        var sam = result.NotAssessed.Where(r => r.ResourceType == "AWS::Serverless::Function").ToList();
        Assert.Equal(
            ["HelloWorldFunction", "FunctionWithExternalRole", "FunctionWithAdministratorAccessPolicy", "FunctionWithPowerUserPolicyAndPolicyTemplate", "FunctionWithInlineAdminPolicy"],
            sam.Select(r => r.Location.LogicalId));
        Assert.All(sam, r =>
        {
            Assert.StartsWith("SAM resource: ", r.Reason, StringComparison.Ordinal);
            Assert.Contains("transformed template", r.Reason, StringComparison.Ordinal);
            Assert.Contains("--template-stage Processed", r.Reason, StringComparison.Ordinal);
        });
        Assert.Contains(result.NotAssessed, n => n.Location.LogicalId == "PathMapping" && n.Reason.Contains("not mapped", StringComparison.Ordinal));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void TheConsoleListsEachSamResourceWithItsLineAndReason()
    {
        var result = TemplateChecks.Run(Path.Combine(Data, "cfn_nag/yaml/sam/serverless_rest_api_with_basepathmapping.yml"));
        using var output = new StringWriter();

        CheckConsoleReport.Write(output, result);

        Assert.Contains(":14:3  not assessed  HelloWorldFunction: SAM resource: AWS::Serverless::Function", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void JUnitAndJsonCarryEachResourceNotAssessedWithItsReason()
    {
        var result = TemplateChecks.Run(Path.Combine(Data, "cfn_nag/yaml/sam/serverless_rest_api_with_basepathmapping.yml"));

        var suite = System.Xml.Linq.XDocument.Parse(TemplateChecks.Render(ReportFormat.JUnit, result)).Root!.Element("testsuite")!;
        var skipped = suite.Elements("testcase").Single(c => (string?)c.Attribute("classname") == "FunctionWithInlineAdminPolicy").Element("skipped")!;
        Assert.StartsWith("SAM resource: AWS::Serverless::Function", (string?)skipped.Attribute("message"), StringComparison.Ordinal);
        Assert.Equal(result.NotAssessed.Count, (int)suite.Attribute("skipped")!);
        Assert.Equal(result.NotAssessed.Count + TemplateChecks.Passes(result).Count, (int)suite.Attribute("tests")!);

        using var json = System.Text.Json.JsonDocument.Parse(TemplateChecks.Render(ReportFormat.Json, result));
        var entry = json.RootElement.GetProperty("notAssessed").EnumerateArray().Single(e => e.GetProperty("logicalId").GetString() == "HelloWorldFunction");
        Assert.StartsWith("SAM resource: ", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NestedStacksOfARealParentTemplateAreNotAssessedAndNameTheTemplateToCheck()
    {
        var result = TemplateChecks.Run(Path.Combine(Data, "startup-kit-templates/vpc-bastion-eb-rds.cfn.yml"));

        var reasons = result.NotAssessed.ToDictionary(n => n.Location.LogicalId, n => n.Reason);
        Assert.Equal(
            "nested stack: check its own template (https://s3.amazonaws.com/awslabs-startup-kit-templates-deploy-v5/templates/vpc.cfn.yml) with guardrails check too",
            reasons["VpcStack"]);
        Assert.All(new[] { "BastionStack", "AuroraStack", "ElasticBeanstalkStack" }, id => Assert.StartsWith("nested stack: check its own template (https://", reasons[id], StringComparison.Ordinal));
        // DatabaseEngine defaults to aurora, so the RDS stack is not created at all.
        Assert.StartsWith("not created: its condition IsNotAurora is false", reasons["RdsStack"], StringComparison.Ordinal);
        Assert.Equal(5, reasons.Count);
    }

    [Fact]
    public void ANestedStackWhoseTemplateIsALocalFileIsCheckedThroughThatTemplate()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"guardrails-nested-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "stacks"));
        try
        {
            var parent = Path.Combine(directory, "parent.yaml");
            File.WriteAllText(parent, """
                Resources:
                  Roles:
                    Type: AWS::CloudFormation::Stack
                    Properties: { TemplateURL: stacks/roles.yaml }
                  Again:
                    Type: AWS::CloudFormation::Stack
                    Properties: { TemplateURL: ./stacks/roles.yaml }
                  Missing:
                    Type: AWS::CloudFormation::Stack
                    Properties: { TemplateURL: stacks/missing.yaml }
                """);
            File.WriteAllText(Path.Combine(directory, "stacks", "roles.yaml"), """
                Resources:
                  Vendor:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: '999988887777' }, Action: sts:AssumeRole }] }
                  Back:
                    Type: AWS::CloudFormation::Stack
                    Properties: { TemplateURL: ../parent.yaml }
                """);

            var result = TemplateChecks.Run(parent);

            var nested = Path.Combine(directory, "stacks", "roles.yaml");
            Assert.Equal([parent, nested], result.SourceFiles);
            var finding = Assert.Single(result.Findings, f => f.RuleId == "segregation-role-trust-no-foreign-account");
            // At the trust policy's statement, in the nested template, named by the role's logical id.
            Assert.Equal((nested, "Vendor", 5), (finding.Location!.File, finding.Location.LogicalId, finding.Location.Line));
            var reasons = result.NotAssessed.ToDictionary(n => n.Location.LogicalId, n => n.Reason);
            Assert.Equal("nested stack: its template stacks/roles.yaml is checked as a template of its own (with its own parameter defaults)", reasons["Roles"]);
            Assert.StartsWith("nested stack: its template ./stacks/roles.yaml is checked", reasons["Again"], StringComparison.Ordinal);
            Assert.Equal("nested stack: check its own template (stacks/missing.yaml) with guardrails check too", reasons["Missing"]);
            Assert.StartsWith("nested stack: its template ../parent.yaml is checked", reasons["Back"], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
