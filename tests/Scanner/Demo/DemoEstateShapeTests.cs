using System.Text.Json;
using Ocado.Guardrails.Scanner.Demo;
using YamlDotNet.RepresentationModel;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

[Collection(DefaultDemoCollection.Name)]
public sealed class DemoEstateShapeTests(DefaultDemo demo)
{
    [Fact]
    public void TheDefaultDemoHasAtLeastFiveThousandResourcesOfAtLeastTwelveTypes()
    {
        Assert.True(demo.Manifest.Resources >= 5000, $"only {demo.Manifest.Resources} resources");
        var types = demo.Manifest.ResourcesByType.Keys.Where(t => t != "AWS::ServiceQuotas::Quota").ToList();
        Assert.True(types.Count >= 12, $"only {types.Count} types: {string.Join(", ", types)}");
        var configTypes = DemoBuilder.ConfigurationItems(demo.Directory).Select(i => i.GetProperty("resourceType").GetString()).Distinct().Count();
        Assert.True(configTypes >= 12, $"only {configTypes} types in the Config files");
    }

    [Fact]
    public void TheEstateHasThreeCustomersWithAtLeastTenAccountsAndAPlatformAccount()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(demo.Directory, "guardrails.yaml")))
        {
            yaml.Load(reader);
        }
        var estate = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["estate"];
        var customers = ((YamlSequenceNode)estate["customers"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["acme", "globex", "initech"], customers.Select(c => c["id"].ToString()));
        var accounts = customers.SelectMany(c => (YamlSequenceNode)c["accounts"]).Select(a => a.ToString()).ToList();
        var platform = ((YamlSequenceNode)((YamlMappingNode)estate["platform"])["accounts"]).Select(a => a.ToString()).ToList();
        var all = accounts.Concat(platform).ToList();
        Assert.True(all.Count >= 10);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, id => Assert.Matches("^[0-9]{12}$", id));
        Assert.Single(platform);
    }

    [Fact]
    public void EveryWrittenJsonFileParses()
    {
        var files = DemoBuilder.Files(demo.Directory, "*.json").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var document = DemoBuilder.Json(file);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    [Fact]
    public void TheGapAccountHasNoFilesAndIsACoverageGapOfAssumeRole()
    {
        var gap = demo.Manifest.GapAccountId;
        Assert.False(Directory.Exists(Path.Combine(demo.Directory, gap)));
        using var collection = DemoBuilder.Json(Path.Combine(demo.Directory, "collection.json"));
        var root = collection.RootElement;
        Assert.Equal("2026-11-01T02:00:00Z", root.GetProperty("collectedAt").GetString());
        Assert.DoesNotContain(root.GetProperty("accounts").EnumerateArray(), a => a.GetString() == gap);
        var entry = Assert.Single(root.GetProperty("gaps").EnumerateArray());
        Assert.Equal(gap, entry.GetProperty("accountId").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("region").ValueKind);
        Assert.Equal("sts:AssumeRole", entry.GetProperty("source").GetString());
        Assert.StartsWith("AccessDenied: ", entry.GetProperty("reason").GetString());
        Assert.Contains(gap, File.ReadAllText(Path.Combine(demo.Directory, "guardrails.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePayloadTagIsWrittenAsIsOnAResourceThatFailsNothing()
    {
        var item = DemoBuilder.ConfigurationItems(demo.Directory).Single(i => i.GetProperty("ARN").GetString() == demo.Manifest.PayloadResourceArn);
        Assert.Equal(ComputeGenerator.Payload, DemoBuilder.Tags(item)["Name"]);
        Assert.DoesNotContain(demo.Manifest.Violations, v => v.ResourceArn == demo.Manifest.PayloadResourceArn);
        var account = item.GetProperty("awsAccountId").GetString()!;
        var raw = File.ReadAllText(Path.Combine(demo.Directory, account, "config", "eu-west-1.json"));
        Assert.Contains(ComputeGenerator.Payload, raw, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryResourceArnIsUniqueAcrossConfigIamAndQuotas()
    {
        var arns = DemoBuilder.ConfigurationItems(demo.Directory).Select(i => i.GetProperty("ARN").GetString()!).ToList();
        foreach (var file in DemoBuilder.Files(demo.Directory, "authorization-details.json"))
        {
            using var document = DemoBuilder.Json(file);
            foreach (var list in new[] { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" })
            {
                arns.AddRange(document.RootElement.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("Arn").GetString()!));
            }
        }
        Assert.Equal(arns.Count, arns.Distinct(StringComparer.Ordinal).Count());
    }
}
