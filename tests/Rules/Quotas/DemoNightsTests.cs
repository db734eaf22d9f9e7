using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Quotas;

/// <summary>The demo's made-up nights: growth with a known forecast, and `scan --demo --nights` showing forecasts at once.</summary>
public sealed class DemoNightsTests
{
    private static readonly DateTimeOffset Tonight = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private static QuotaForecast? ForecastOf(double usage, double value, int nights = 7)
    {
        var tonight = new QuotaUsageSample("111111111111", "eu-west-1", "vpc", "L-F678F1CE", value, usage, Tonight);
        var history = DemoNights.Before([tonight], nights).SelectMany(n => n).Append(tonight);
        return QuotaForecast.Compute(history.Select(s => new UsagePoint(s.At, s.Usage)), value);
    }

    [Fact]
    public void AHalfUsedQuotaRunsOutWithinTheHorizonAThirdUsedOneBeyondItAndALittleUsedOneStaysFlat()
    {
        Assert.Equal(20, ForecastOf(60, 100)!.DaysUntilExhausted!.Value, 9);
        Assert.Equal(45, ForecastOf(40, 130)!.DaysUntilExhausted!.Value, 9);
        Assert.Null(ForecastOf(10, 100)!.DaysUntilExhausted);
    }

    [Fact]
    public void NightsAreOldestFirstOneDayApartAndBounded()
    {
        var tonight = new QuotaUsageSample("111111111111", "eu-west-1", "vpc", "L-F678F1CE", 100, 60, Tonight);
        var nights = DemoNights.Before([tonight], 3);

        Assert.Equal([Tonight.AddDays(-3), Tonight.AddDays(-2), Tonight.AddDays(-1)], nights.Select(n => Assert.Single(n).At));
        Assert.Equal([54.0, 56.0, 58.0], nights.Select(n => n[0].Usage));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoNights.Before([tonight], DemoNights.Maximum + 1));
    }

    [Fact]
    public void ScanDemoWithNightsFailsTheQuotasForecastToRunOutAndNamesTheirSeriesAndDate()
    {
        using var directory = new TemporaryDirectory();
        var outcome = GuardrailsProcess.Run(directory.Path, "scan", "--demo", "--nights", "7", "--out", "out", "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);

        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.Path, "out", "findings.json")));
        var forecasts = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "quotas-forecast-exhaustion" && f.GetProperty("verdict").GetString() == "fail")
            .Select(f => f.GetProperty("message").GetString()!)
            .ToList();
        Assert.NotEmpty(forecasts);
        Assert.All(forecasts, m => Assert.Matches(@"on 2026-1\d-\d\d \(usage [\d, ]+ over 8 scans; trend \+[\d.]+ a day\)", m));

        // The report draws each of them (up to its limit) with the same date the finding gives.
        var report = File.ReadAllText(Path.Combine(directory.Path, "out", "report.html"));
        Assert.Equal(Math.Min(forecasts.Count, ReportHistory.MaxForecastCharts), Regex.Count(report, "<svg class=\"forecast-chart\""));
        var dates = forecasts.Select(m => Regex.Match(m, @"on (\d{4}-\d\d-\d\d) \(usage").Groups[1].Value).ToHashSet();
        Assert.All(Regex.Matches(report, @"runs out (\d{4}-\d\d-\d\d)</strong>"), m => Assert.Contains(m.Groups[1].Value, dates));
    }

    [Fact]
    public void NightsWithoutTheDemoOrWithoutAStoreAreAUsageError()
    {
        using var directory = new TemporaryDirectory();
        var outcome = GuardrailsProcess.Run(directory.Path, "scan", "--demo", "--nights", "7", "--no-store", "--out", "out", "--quiet");
        Assert.Equal(Ocado.Guardrails.Scanner.ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("--nights", outcome.Error);
    }
}
