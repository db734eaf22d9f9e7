using System.Text.Json;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>The demo's network plants as a scan judges them: the open path, its route-only look-alike, and the VPCs judged despite the gap account.</summary>
[Collection(DemoScanCollection.Name)]
public sealed class DemoNetworkScanTests(DemoScan demo)
{
    private const string Route = "segregation-vpc-no-route-to-foreign-customer";
    private const string Open = "segregation-vpc-no-open-path-to-foreign-customer";

    private List<(string Rule, string Arn, string Verdict, string Message)> Findings(params string[] rules)
    {
        using var findings = demo.Findings();
        return [.. findings.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("resourceArn").GetString()!, f.GetProperty("verdict").GetString()!, f.GetProperty("message").GetString()!))
            .Where(f => rules.Contains(f.Item1))];
    }

    private HashSet<string> Planted(string rule)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Snapshot, "demo-manifest.json")));
        return [.. manifest.RootElement.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("ruleId").GetString() == rule).Select(v => v.GetProperty("resourceArn").GetString()!)];
    }

    [Fact]
    public void TheOpenPathFailsAsAnExposureAndItsRouteOnlyLookAlikeOnlyAsARoute()
    {
        var routes = Planted(Route);
        var open = Planted(Open);
        var found = Findings(Open);

        Assert.Equal(4, routes.Count);
        Assert.Equal(2, open.Count);
        Assert.Subset(routes, open);
        Assert.All(found.Where(f => open.Contains(f.Arn)), f => Assert.Contains("let traffic through", f.Message));
        Assert.Equal(open.Order(), found.Where(f => f.Verdict == "fail").Select(f => f.Arn).Order());
        // The look-alike: a route path exists (the route rule fails), a network ACL closes it (the open-path rule passes: no finding).
        var routeOnly = routes.Except(open).ToList();
        Assert.Equal(2, routeOnly.Count);
        Assert.All(routeOnly, arn => Assert.DoesNotContain(found, f => f.Arn == arn));
    }

    [Fact]
    public void NoVpcIsLeftNotAssessedForTheGapAccountWhichNoRoutePathTouches()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Snapshot, "demo-manifest.json")));
        var gapAccount = manifest.RootElement.GetProperty("gapAccountId").GetString()!;
        var found = Findings(Route, Open);
        var notAssessed = found.Where(f => f.Verdict == "notAssessed" && !f.Arn.Contains(gapAccount, StringComparison.Ordinal)).ToList();

        Assert.True(notAssessed.Count == 0, string.Join("\n", notAssessed.Take(3).Select(f => $"{f.Rule} {f.Arn}: {f.Message}")));
        // The gap account itself stays not covered, never clean.
        Assert.Contains(found, f => f.Verdict == "notAssessed" && f.Arn.Contains(gapAccount, StringComparison.Ordinal));
        Assert.DoesNotContain(found, f => f.Verdict != "notAssessed" && f.Arn.Contains(gapAccount, StringComparison.Ordinal));
    }

    [Fact]
    public void EachRouteFailCarriesItsPathHopByHopThereAndBackInFindingsJson()
    {
        using var findings = demo.Findings();
        var fails = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() is Route or Open && f.GetProperty("verdict").GetString() == "fail").ToList();

        Assert.Equal(6, fails.Count);
        Assert.All(fails, f =>
        {
            using var evidence = JsonDocument.Parse(f.GetProperty("evidence").GetString()!);
            var hops = evidence.RootElement.GetProperty("values").GetProperty("path").EnumerateArray().Select(h => h.GetString()!).ToList();
            Assert.StartsWith("there: route-table ", hops[0], StringComparison.Ordinal);
            Assert.Contains(hops, h => h.StartsWith("there: tgw-route-table ", StringComparison.Ordinal));
            Assert.Contains(hops, h => h.StartsWith("back: route-table ", StringComparison.Ordinal));
            Assert.Equal(4, hops.Count(h => h.StartsWith("there: ", StringComparison.Ordinal)));
        });
    }
}
