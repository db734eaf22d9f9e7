using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>Every output the AWS CLI documents for the services we read is read: as JSON, and every policy it holds as a policy.</summary>
public sealed class CliExampleTests
{
    [Fact]
    public void EveryDocumentedCliOutputParsesAndEveryPolicyInItReadsAsAPolicy()
    {
        var files = Directory.EnumerateFiles(Fixtures.Real("aws-cli-examples"), "*.json", SearchOption.AllDirectories).ToList();
        var policies = 0;
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var text in PolicyTexts(document.RootElement))
            {
                Assert.True(PolicyDocument.TryParse(text, out var policy), $"{file}: a policy that does not parse");
                Assert.NotEmpty(policy.Statements);
                policies++;
            }
        }
        Assert.Equal(63, files.Count);
        // s3api get-bucket-policy, ecr get-repository-policy, glacier get-vault-access-policy and sns
        // get-topic-attributes document a policy as a JSON string, ec2 describe-vpc-endpoints two endpoint policies; each one reads.
        Assert.Equal(6, policies);
    }

    /// <summary>Policy texts the CLI prints: a "Policy", "policy", "policyText" or "PolicyDocument" string holding JSON, as the services return them.</summary>
    private static IEnumerable<string> PolicyTexts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "Policy" or "policy" or "policyText" or "PolicyDocument" && property.Value.ValueKind == JsonValueKind.String
                    && JsonPath.Unwrap(property.Value).ValueKind == JsonValueKind.Object)
                {
                    yield return property.Value.GetString()!;
                }
                foreach (var nested in PolicyTexts(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().SelectMany(PolicyTexts))
            {
                yield return item;
            }
        }
    }
}
