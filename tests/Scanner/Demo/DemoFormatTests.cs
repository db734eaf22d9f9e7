using System.Text.Json;
using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

[Collection(DefaultDemoCollection.Name)]
public sealed class DemoFormatTests(DefaultDemo demo)
{
    [Fact]
    public void ConfigSnapshotFilesCarryTheEnvelopeAndItemsAwsConfigDelivers()
    {
        var file = DemoBuilder.Files(demo.Directory, "eu-central-1.json").First(f => f.Contains("/config/", StringComparison.Ordinal));
        using var document = DemoBuilder.Json(file);
        Assert.Equal("1.0", document.RootElement.GetProperty("fileVersion").GetString());
        Assert.True(document.RootElement.TryGetProperty("configSnapshotId", out _));
        string[] fields = ["configurationItemVersion", "configurationItemCaptureTime", "configurationStateId", "awsAccountId",
            "configurationItemStatus", "resourceType", "resourceId", "ARN", "awsRegion", "availabilityZone", "resourceCreationTime",
            "tags", "relatedEvents", "relationships", "configuration", "supplementaryConfiguration"];
        Assert.All(document.RootElement.GetProperty("configurationItems").EnumerateArray(), item =>
        {
            Assert.All(fields, f => Assert.True(item.TryGetProperty(f, out _), f));
            Assert.Equal("OK", item.GetProperty("configurationItemStatus").GetString());
        });
    }

    [Fact]
    public void PolicyDocumentsAreObjectsInMostAccountsAndUrlEncodedStringsInOne()
    {
        var kinds = DemoBuilder.Files(demo.Directory, "authorization-details.json").Select(file =>
        {
            using var document = DemoBuilder.Json(file);
            var role = document.RootElement.GetProperty("RoleDetailList")[0];
            var version = document.RootElement.GetProperty("Policies")[0].GetProperty("PolicyVersionList")[0];
            Assert.Equal(role.GetProperty("AssumeRolePolicyDocument").ValueKind, version.GetProperty("Document").ValueKind);
            return role.GetProperty("AssumeRolePolicyDocument").Clone();
        }).ToList();
        var encoded = Assert.Single(kinds, k => k.ValueKind == JsonValueKind.String);
        Assert.StartsWith("%7B%22Version%22", encoded.GetString());
        using var decoded = JsonDocument.Parse(Uri.UnescapeDataString(encoded.GetString()!));
        Assert.True(decoded.RootElement.TryGetProperty("Statement", out _));
        Assert.True(kinds.Count(k => k.ValueKind == JsonValueKind.Object) >= 9);
    }

    [Fact]
    public void TheCredentialReportHasAwsHeaderTheRootFirstAndARowPerUser()
    {
        foreach (var file in DemoBuilder.Files(demo.Directory, "credential-report.csv"))
        {
            var lines = File.ReadAllLines(file);
            Assert.Equal(CredentialReportWriter.Header, lines[0]);
            Assert.StartsWith("<root_account>,", lines[1], StringComparison.Ordinal);
            using var details = DemoBuilder.Json(Path.Combine(Path.GetDirectoryName(file)!, "authorization-details.json"));
            var users = details.RootElement.GetProperty("UserDetailList").EnumerateArray().Select(u => u.GetProperty("Arn").GetString()).ToList();
            Assert.Equal(users, lines.Skip(2).Select(l => l.Split(',')[1]));
            Assert.All(lines, l => Assert.Equal(22, l.Split(',').Length));
        }
    }

    [Fact]
    public void TheTaggingApiRepeatsConfigTagsAndKnowsResourcesConfigDoesNotRecord()
    {
        var config = DemoBuilder.ConfigurationItems(demo.Directory)
            .ToDictionary(i => i.GetProperty("ARN").GetString()!, DemoBuilder.Tags, StringComparer.Ordinal);
        var onlyTagged = new List<string>();
        foreach (var (arn, tags) in DemoBuilder.TagMappings(demo.Directory))
        {
            if (config.TryGetValue(arn, out var recorded))
            {
                Assert.Equal(recorded, tags);
            }
            else if (!arn.StartsWith("arn:aws:iam::", StringComparison.Ordinal))
            {
                onlyTagged.Add(arn);
            }
        }
        Assert.Contains(onlyTagged, a => a.Contains(":log-group:/aws/lambda/", StringComparison.Ordinal));
        Assert.Contains(onlyTagged, a => a.Contains(":model-invocation-job/", StringComparison.Ordinal));
    }

    [Fact]
    public void IamGroupsCarryNoTagsBecauseAwsCannotTagThem()
    {
        var groups = new List<JsonElement>();
        foreach (var file in DemoBuilder.Files(demo.Directory, "authorization-details.json"))
        {
            using var document = DemoBuilder.Json(file);
            groups.AddRange(document.RootElement.GetProperty("GroupDetailList").EnumerateArray().Select(g => g.Clone()));
        }
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.False(g.TryGetProperty("Tags", out _)));
        Assert.All(groups, g => Assert.DoesNotContain(demo.Manifest.Violations,
            v => v.RuleId.StartsWith("tagging-", StringComparison.Ordinal) && v.ResourceArn == g.GetProperty("Arn").GetString()));
    }
}
