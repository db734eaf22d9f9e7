using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>The starting point of a new rule: small, compiling, with one Pass and one Fail case.</summary>
internal static class RuleTemplate
{
    public static string Script(string id) => $$"""
        // id: {{id}}
        // title: Buckets name an owning team in their team tag
        // severity: medium
        // resource-types: AWS::S3::Bucket
        // rationale: {{RuleLinter.TemplateRationale}}
        // remediation: {{RuleLinter.TemplateRemediation}}
        // references: {{RuleLinter.TemplateReference}}

        var team = Resource.Tag("team");
        return string.IsNullOrWhiteSpace(team)
            ? Fail($"{Resource} has no team tag; add one naming the owning team", Evidence.Tags(Resource, "team"))
            : Pass($"{Resource} is owned by team {team}");

        """;

    public static string Fixture() => """
        {
          "cases": [
            {
              "name": "a bucket with a team tag passes",
              "expect": "pass",
              "resource": {
                "resourceType": "AWS::S3::Bucket", "resourceId": "orders", "resourceName": "orders",
                "ARN": "arn:aws:s3:::orders", "awsAccountId": "111111111111", "awsRegion": "eu-west-1",
                "tags": { "team": "payments" }
              }
            },
            {
              "name": "a bucket without a team tag fails",
              "expect": "fail",
              "messageContains": "no team tag",
              "resource": {
                "resourceType": "AWS::S3::Bucket", "resourceId": "logs", "resourceName": "logs",
                "ARN": "arn:aws:s3:::logs", "awsAccountId": "111111111111", "awsRegion": "eu-west-1",
                "tags": {}
              }
            }
          ]
        }

        """;
}
