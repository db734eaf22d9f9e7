using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>Bad input gets a clear error and loses nothing; untrusted text never becomes markup.</summary>
public sealed class ScanSafetyTests
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [Fact]
    public void AnImgOnerrorPayloadInATagValueComesOutEscapedInTheReport()
    {
        using var snapshot = new HandMadeSnapshot();
        var tags = HandMadeSnapshot.CompliantTags("acme");
        tags["environment"] = Payload;
        snapshot.Bucket("111111111111", "acme-orders", tags);

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--rules", Path.Combine(RepoPaths.Catalog, "tagging"));

        Assert.True(run.ExitCode == 0, run.Error);
        var findings = File.ReadAllText(Path.Combine(snapshot.Out, "findings.json"));
        Assert.Contains("tagging-environment-allowed-values", findings);
        foreach (var report in new[] { "report.html", Path.Combine("customers", "acme", "report.html") })
        {
            var html = File.ReadAllText(Path.Combine(snapshot.Out, report));
            Assert.DoesNotContain(Payload, html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ARuleThatThrowsGivesErrorForItsPairsAndTheScanCompletes()
    {
        using var snapshot = new HandMadeSnapshot();
        snapshot.Bucket("111111111111", "acme-orders", HandMadeSnapshot.CompliantTags("acme"))
            .Bucket("333333333333", "globex-orders", HandMadeSnapshot.CompliantTags("acme"));
        var extra = Directory.CreateDirectory(Path.Combine(snapshot.Root, "extra-rules", "tagging")).FullName;
        File.WriteAllText(Path.Combine(extra, "tagging-throws.csx"), """
            // id: tagging-throws
            // title: Buckets never make this rule throw
            // severity: low
            // resource-types: AWS::S3::Bucket
            // remediation: Nothing to fix on the resource: the rule is broken on purpose.
            if (Resource.AccountId == "111111111111") throw new InvalidOperationException("broken on purpose");
            return Pass("fine");
            """);

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out,
            "--rules", Path.Combine(RepoPaths.Catalog, "tagging"), "--rules", Path.Combine(snapshot.Root, "extra-rules"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(snapshot.Out, "findings.json")));
        var all = findings.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var error = Assert.Single(all, f => f.GetProperty("verdict").GetString() == "error");
        Assert.Equal("tagging-throws", error.GetProperty("ruleId").GetString());
        Assert.Contains("broken on purpose", error.GetProperty("message").GetString());
        Assert.Contains(all, f => f.GetProperty("ruleId").GetString() == "tagging-customer-matches-account"
                                  && f.GetProperty("resourceArn").GetString() == "arn:aws:s3:::globex-orders");
        Assert.Contains("Rule errors: 1", run.Output);
    }

    [Fact]
    public void ARuleThatDoesNotCompileStopsTheScanWithExitThreeNamingFileLineAndColumn()
    {
        using var snapshot = new HandMadeSnapshot();
        snapshot.Bucket("111111111111", "acme-orders", HandMadeSnapshot.CompliantTags("acme"));
        var extra = Directory.CreateDirectory(Path.Combine(snapshot.Root, "rules", "tagging")).FullName;
        File.WriteAllText(Path.Combine(extra, "tagging-broken.csx"), """
            // id: tagging-broken
            // title: Buckets are judged by a rule that compiles
            // severity: low
            // resource-types: AWS::S3::Bucket
            // remediation: Fix the rule's syntax and run guardrails rules test.
            var x = ;
            return Pass("fine");
            """);

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--rules", "rules");

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"rules/tagging/tagging-broken\.csx\(6,9\): error CS1525", run.Error);
        Assert.False(File.Exists(Path.Combine(snapshot.Out, "findings.json")));
    }

    [Fact]
    public void AnInvalidEstateFileExitsTwoAndSaysWhatIsWrong()
    {
        using var snapshot = new HandMadeSnapshot();
        File.WriteAllText(Path.Combine(snapshot.Root, "guardrails.yaml"), "estate:\n  customers:\n    - id: Bad Id\n      accounts: [\"12\"]\n");

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lower-kebab-case", run.Error);
        Assert.Contains("'12' is not a 12-digit AWS account id", run.Error);
    }

    [Fact]
    public void FailOnHighExitsOneWhenAHighFindingRemains()
    {
        using var snapshot = new HandMadeSnapshot();
        snapshot.Bucket("333333333333", "globex-orders", HandMadeSnapshot.CompliantTags("acme"));

        var strict = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--fail-on", "high", "--rules", Path.Combine(RepoPaths.Catalog, "tagging"));
        var lenient = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--fail-on", "critical", "--rules", Path.Combine(RepoPaths.Catalog, "tagging"));

        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(0, lenient.ExitCode);
    }

    [Fact]
    public void ScanWithoutASourceExplainsWhatToPass()
    {
        using var directory = new TemporaryDirectory();

        var run = GuardrailsProcess.Run(directory.Path, "scan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--snapshot DIR", run.Error);
        Assert.Contains("--demo", run.Error);
    }
}
