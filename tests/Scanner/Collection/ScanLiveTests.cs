using System.Text.Json;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>`guardrails scan` without --snapshot: the real program collects from the test server, keeps the snapshot, and scans it.</summary>
public sealed class ScanLiveTests
{
    [Fact]
    public async Task ScanWithoutASnapshotCollectsIntoOutSnapshotAndFindsWhatAScanOfTheServedEstateFinds()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 10);
        var denied = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).First();
        harness.Server.Faults.DeniedAssumeRole[denied] = true;
        harness.Server.Faults.ThrottleFraction = 0.2;
        var config = harness.WriteConfig();
        var live = Path.Combine(harness.Output.Path, "live");

        var run = GuardrailsProcess.Run(harness.Output.Path, harness.ProcessEnvironment(),
            "scan", "--config", config, "--out", live, "--no-store", "--include-passes", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var snapshot = Path.Combine(live, "snapshot");
        Assert.True(File.Exists(Path.Combine(snapshot, "collection.json")), "the collected snapshot is kept as evidence");
        Assert.True(File.Exists(Path.Combine(snapshot, "guardrails.yaml")));
        Assert.False(Directory.Exists(snapshot + ".collecting"));
        Assert.Contains(harness.Server.Requests, r => r.Operation == "BatchGetResourceConfig" && r.Status == 200);

        // The served estate, scanned as a snapshot at the same point in time.
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        using (var collection = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(snapshot, "collection.json"), TestContext.Current.CancellationToken)))
        {
            var collectedAt = collection.RootElement.GetProperty("collectedAt").GetString();
            await File.WriteAllTextAsync(Path.Combine(harness.ServedDirectory, "collection.json"),
                JsonSerializer.Serialize(new { collectedAt, gaps = Array.Empty<object>() }), TestContext.Current.CancellationToken);
        }
        var servedOut = Path.Combine(harness.Output.Path, "served-out");
        var servedRun = GuardrailsProcess.Run(harness.Output.Path,
            "scan", "--snapshot", harness.ServedDirectory, "--config", config, "--out", servedOut, "--no-store", "--include-passes", "--quiet");
        Assert.True(servedRun.ExitCode == ExitCodes.Ok, servedRun.Error);

        var collected = Findings(live);
        var served = Findings(servedOut);
        Assert.Contains(served, f => f.Verdict == "fail");
        Assert.Equal(served.Where(f => f.AccountId != denied), collected.Where(f => f.AccountId != denied));
        var deniedFindings = collected.Where(f => f.AccountId == denied).ToList();
        Assert.NotEmpty(deniedFindings);
        Assert.All(deniedFindings, f => Assert.Equal("notAssessed", f.Verdict));
        using var findings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(live, "findings.json"), TestContext.Current.CancellationToken));
        var gaps = findings.RootElement.GetProperty("coverage").GetProperty("gaps").EnumerateArray().ToList();
        Assert.Contains(gaps, g => g.GetProperty("accountId").GetString() == denied && g.GetProperty("source").GetString() == "sts:AssumeRole");
        Assert.All(gaps, g => Assert.Equal(denied, g.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task ScanWithoutASnapshotAndWithAWrongSecretKeyExitsAsCollectDoesAndScansNothing()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var config = harness.WriteConfig();
        var live = Path.Combine(harness.Output.Path, "live");
        const string wrongSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET";

        var run = GuardrailsProcess.Run(harness.Output.Path, harness.ProcessEnvironment(wrongSecret),
            "scan", "--config", config, "--out", live, "--no-store", "--quiet");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("error: AWS refused the caller's credentials (SignatureDoesNotMatch", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, run.Error + run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(live, "findings.json")));
        Assert.False(Directory.Exists(Path.Combine(live, "snapshot")));
        Assert.False(Directory.Exists(Path.Combine(live, "snapshot.collecting")));
        Assert.All(harness.Server.Requests, r => Assert.Equal("GetCallerIdentity", r.Operation));
    }

    [Fact]
    public async Task ScanWithoutASnapshotChecksTheCustomerBeforeCollectingAnything()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var config = harness.WriteConfig();
        var live = Path.Combine(harness.Output.Path, "live");

        var run = GuardrailsProcess.Run(harness.Output.Path, harness.ProcessEnvironment(),
            "scan", "--config", config, "--out", live, "--customer", "nobody", "--no-store", "--quiet");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("no customer 'nobody'", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.False(Directory.Exists(Path.Combine(live, "snapshot")));
    }

    private sealed record Finding(string RuleId, string ResourceArn, string AccountId, string Verdict, string Message);

    private static List<Finding> Findings(string outDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "findings.json")));
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new Finding(Text(f, "ruleId"), Text(f, "resourceArn"), Text(f, "accountId"), Text(f, "verdict"), Text(f, "message")))
            .OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.ResourceArn, StringComparer.Ordinal)
            .ToList();
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
