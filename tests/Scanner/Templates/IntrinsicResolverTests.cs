using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

public sealed class IntrinsicResolverTests
{
    /// <summary>checkov's asserted renderings (intrinsic-and-tags-expected.csv) of resource properties, YAML and JSON twins alike.</summary>
    [Fact]
    public void ResolvedPropertiesAgreeWithTheRenderingsCheckovAsserts()
    {
        var root = Fixtures.Data("cloudformation");
        var rows = Csv.Read(Path.Combine(root, "intrinsic-and-tags-expected.csv"))
            .Where(r => r["block"] == "Resources" && r["file"].Contains("variable_rendering", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(rows);
        var differences = new List<string>();
        foreach (var row in rows)
        {
            var template = TemplateReader.Read(Path.Combine(root, row["file"]));
            var resolver = new IntrinsicResolver(template, new TemplateContext());
            var logicalId = row["name"].Split(' ')[0];
            JsonNode? value = resolver.Resolve(template.Resources.Single(r => r.LogicalId == logicalId).Properties);
            foreach (var step in row["attribute"].Replace("[0]", ".0", StringComparison.Ordinal).Split('.'))
            {
                value = value is JsonArray a ? a[int.Parse(step)] : value?[step];
            }
            var expected = row["expected_value"].Split(" (")[0];
            var stays = row["expected_value"].Contains("stays unresolved", StringComparison.Ordinal);
            var ok = stays ? value is null || Unknown.Contains(value.ToString()) : value?.ToString() == expected;
            if (!ok && !(row["intrinsic"].Contains("GetAtt", StringComparison.Ordinal) && Unknown.Contains(value?.ToString())))
            {
                differences.Add($"{row["file"]} {row["name"]} {row["attribute"]}: {value} (expected {expected})");
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void PseudoParametersAndOverridesResolveAndTheRestStaysUnknown()
    {
        var template = TemplateReaderTests.Read("""
            Parameters:
              Env: { Type: String, Default: dev }
              Peer: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  A: !Sub "arn:aws:iam::${AWS::AccountId}:root"
                  B: !Ref Peer
                  C: !If [IsProd, big, small]
                  D: !Sub "${Env}-${AWS::Region}"
            """);
        var resolver = new IntrinsicResolver(template, new TemplateContext
        {
            Account = "111122223333", Region = "eu-west-1",
            Parameters = new Dictionary<string, string> { ["Env"] = "prod" },
        });
        var properties = resolver.Resolve(template.Resources[0].Properties)!;
        Assert.Equal("arn:aws:iam::111122223333:root", properties["A"]!.ToString());
        Assert.True(Unknown.Is(properties["B"]));
        Assert.Equal("big", properties["C"]!.ToString());
        Assert.Equal("prod-eu-west-1", properties["D"]!.ToString());
    }
}
