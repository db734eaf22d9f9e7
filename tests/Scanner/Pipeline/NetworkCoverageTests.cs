using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Rules.Network;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>A network file that is malformed or missing is a coverage gap naming it, in findings.json and in the report's coverage section.</summary>
public sealed partial class NetworkCoverageTests
{
    private const string Region = "eu-west-1";

    [Fact]
    public void AMalformedAndAMissingNetworkFileAreListedInTheCoverageNamingEachFile()
    {
        using var estate = new TinyEstate().Compliant("shared").Write();
        new NetworkSketch()
            .Vpc(TinyEstate.Account, "vpc-0aa11aa11aa11aa11", "10.1.0.0/16")
            .RouteTable(TinyEstate.Account, "rtb-0aa1aa1aa1aa1aa11", "vpc-0aa11aa11aa11aa11", routes: [("10.1.0.0/16", "local", "active")])
            .WriteSnapshot(estate.Directory);
        var malformed = Path.Combine(estate.Directory, SnapshotLayout.NetworkFile(TinyEstate.Account, Region, NetworkOutputs.RouteTables));
        File.WriteAllText(malformed, """{"RouteTables": [{"RouteTableId": "rtb-0aa1aa1aa1aa1aa11", "VpcId": 7}]}""");
        var missing = Path.Combine(estate.Directory, SnapshotLayout.NetworkFile(TinyEstate.Account, Region, NetworkOutputs.VpcPeerings));
        File.Delete(missing);
        var output = Path.Combine(estate.Directory, "out");

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", estate.Directory, "--out", output, "--no-store", "--quiet");

        Assert.True(scan.ExitCode is 0 or 1, scan.Output + scan.Error);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json")));
        var gaps = findings.RootElement.GetProperty("coverage").GetProperty("gaps").EnumerateArray()
            .Where(g => g.GetProperty("source").GetString() == "ec2-network").ToList();
        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, g => Assert.Equal((TinyEstate.Account, Region), (g.GetProperty("accountId").GetString(), g.GetProperty("region").GetString())));
        var reasons = gaps.Select(g => g.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(reasons, r => r.Contains(malformed, StringComparison.Ordinal) && r.Contains("VpcId is not a string", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(missing, StringComparison.Ordinal) && r.Contains("missing", StringComparison.Ordinal));
        // The account that denied AssumeRole is out of reach already: no network gap besides.
        Assert.DoesNotContain(gaps, g => g.GetProperty("accountId").GetString() == TinyEstate.OtherAccount);

        var coverage = WebUtility.HtmlDecode(CoverageSection().Match(File.ReadAllText(Path.Combine(output, "report.html"))).Value);
        Assert.Contains("Coverage gaps", coverage);
        Assert.Contains(malformed, coverage);
        Assert.Contains(missing, coverage);
    }

    [Fact]
    public void ASnapshotWithNoNetworkAtAllAddsNoNetworkGapToTheCoverage()
    {
        using var estate = new TinyEstate().Compliant("shared").Write();
        var output = Path.Combine(estate.Directory, "out");

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", estate.Directory, "--out", output, "--no-store", "--quiet");

        Assert.True(scan.ExitCode is 0 or 1, scan.Output + scan.Error);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json")));
        var gap = Assert.Single(findings.RootElement.GetProperty("coverage").GetProperty("gaps").EnumerateArray().ToList());
        Assert.Equal("sts:AssumeRole", gap.GetProperty("source").GetString());
    }

    [GeneratedRegex("""<section id="coverage".*?</section>""", RegexOptions.Singleline)]
    private static partial Regex CoverageSection();
}
