using System.Text.Json;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// Hostile inputs through the real <c>guardrails scan</c>: the exit code is the documented one (0, or 2 for an invalid
/// guardrails.yaml), never 1 with a stack trace; nothing from a file reaches the terminal as a control sequence;
/// findings.json is whole.
/// </summary>
public sealed class MalformedCliTests
{
    private const string Escapes = "\u001b]0;owned\u0007\u001b[2J";

    [Fact]
    public void EscapeSequencesInAGapReasonAndAFileNameReachTheTerminalAsVisibleText()
    {
        using var estate = new HostileEstate();
        File.WriteAllText(Path.Combine(estate.Directory, "collection.json"),
            JsonSerializer.Serialize(new { collectedAt = "2026-11-01T02:00:00Z", gaps = new[] { new { accountId = HostileEstate.Globex, region = (string?)null, source = "sts:AssumeRole", reason = "AccessDenied" + Escapes } } }));
        File.WriteAllText(Path.Combine(estate.Directory, HostileEstate.Acme, "config", $"eu-west-1{Escapes}.json"), "not json");

        var run = Scan(estate);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain('\u001b', run.Output + run.Error);
        Assert.DoesNotContain('\u0007', run.Output + run.Error);
        Assert.Contains("AccessDenied\\u001b]0;owned\\u0007", run.Output, StringComparison.Ordinal);
        Assert.Contains("eu-west-1\\u001b]0;owned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGuardrailsYamlThatIsAFifoExitsTwoAtOnce()
    {
        using var estate = new HostileEstate();
        Plant.Fifo(estate.ConfigPath);

        var run = Scan(estate);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("FIFO", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AYamlAliasBombExitsTwoNamingTheLimit()
    {
        using var estate = new HostileEstate();
        var bomb = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]"));
        File.AppendAllText(estate.ConfigPath, "\na0: &a0 lol\n" + bomb + "\n");

        var run = Scan(estate);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("limits.maxYamlNodes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotOfHostileFilesScansToAWholeFindingsFileWithEveryFileNamedAsAGap()
    {
        using var estate = new HostileEstate();
        Plant.Fifo(Path.Combine(estate.Directory, HostileEstate.Acme, "config", "eu-west-1.json"));
        Plant.LinkTo("/dev/zero")(Path.Combine(estate.Directory, HostileEstate.Acme, "tagging", "eu-west-1.json"));
        Plant.Text("""{"UserDetailList": "x"}""")(Path.Combine(estate.Directory, HostileEstate.Acme, "iam", "authorization-details.json"));

        var run = Scan(estate);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(estate.Directory, "out", "findings.json")));
        var reasons = findings.RootElement.GetProperty("coverage").GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("reason").GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains("config/eu-west-1.json", StringComparison.Ordinal) && r.Contains("FIFO", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("tagging/eu-west-1.json", StringComparison.Ordinal) && r.Contains("outside the snapshot", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("authorization-details.json", StringComparison.Ordinal) && r.Contains("UserDetailList is a string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWriteThatFailsHalfWayLeavesThePreviousFileWholeAndNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "findings.json");
        await File.WriteAllTextAsync(path, "{\"previous\": true}", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[1 << 20], TestContext.Current.CancellationToken);
            throw new IOException("disk full");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("{\"previous\": true}", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    private static GuardrailsProcess.Outcome Scan(HostileEstate estate) =>
        GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", ".", "--out", "out", "--no-store", "--rules", Path.Combine(RepoPaths.Catalog, "tagging"));
}
