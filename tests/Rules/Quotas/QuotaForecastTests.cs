using System.Text.Json;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Quotas;

/// <summary>Series with a known answer: the Theil–Sen forecast and what the rule API reads from a quota.</summary>
public sealed class QuotaForecastTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private static List<UsagePoint> Nightly(params double[] usage) => [.. usage.Select((u, night) => new UsagePoint(Start.AddDays(night), u))];

    [Fact]
    public void LinearGrowthReachesTheValueWhenTheLineDoes()
    {
        var forecast = QuotaForecast.Compute(Nightly(10, 12, 14, 16, 18, 20), 40)!;

        Assert.Equal(2, forecast.SlopePerDay, 9);
        Assert.Equal(10, forecast.DaysUntilExhausted!.Value, 9);
        Assert.Equal(Start.AddDays(15), forecast.ExhaustedOn);
        Assert.Equal("10, 12, 14, 16, 18, 20", forecast.Series);
    }

    [Fact]
    public void AOneNightSpikeDoesNotMoveTheTrend()
    {
        var forecast = QuotaForecast.Compute(Nightly(10, 11, 60, 13, 14), 100)!;

        Assert.Equal(1, forecast.SlopePerDay, 9);
        Assert.Equal(86, forecast.DaysUntilExhausted!.Value, 9);
    }

    [Fact]
    public void FlatAndShrinkingUsageIsNeverExhausted()
    {
        Assert.Null(QuotaForecast.Compute(Nightly(8, 8, 8, 8, 8), 10)!.DaysUntilExhausted);
        var shrinking = QuotaForecast.Compute(Nightly(19, 18, 17, 16, 15), 20)!;
        Assert.Equal(-1, shrinking.SlopePerDay, 9);
        Assert.Null(shrinking.DaysUntilExhausted);
    }

    [Fact]
    public void UsageAlreadyAtTheValueIsExhaustedToday() =>
        Assert.Equal(0, QuotaForecast.Compute(Nightly(6, 7, 8, 9, 10), 10)!.DaysUntilExhausted);

    [Fact]
    public void TooShortAHistoryHasNoForecast()
    {
        Assert.Null(QuotaForecast.Compute(Nightly(1, 2, 3, 4), 10));
        Assert.Null(QuotaForecast.Compute([], 10));
        // Five scans within one day measure the day, not a trend.
        Assert.Null(QuotaForecast.Compute(Enumerable.Range(0, 5).Select(h => new UsagePoint(Start.AddHours(h), h)), 10));
    }

    [Fact]
    public void TheSameCollectionScannedTwiceIsOnePointAndOldScansFallOutOfTheWindow()
    {
        var history = Nightly(1, 2, 3, 4);
        history.Add(new UsagePoint(Start.AddDays(3), 4));
        Assert.Null(QuotaForecast.Compute(history, 10));

        var longAgo = Nightly(100, 1, 2, 3, 4, 5);
        longAgo[0] = new UsagePoint(Start.AddDays(-60), 100);
        var forecast = QuotaForecast.Compute(longAgo, 10)!;
        Assert.Equal(5, forecast.Points.Count);
        Assert.Equal(1, forecast.SlopePerDay, 9);
    }

    [Fact]
    public void TheRuleApiReadsTheHistoryAttachedToAQuota()
    {
        var quota = Quota(ServiceQuota.HistoryJson(Nightly(10, 11, 12, 13, 14)).GetRawText());

        Assert.True(ServiceQuota.HasUsageHistory(quota));
        Assert.Equal(5, ServiceQuota.UsageHistory(quota).Count);
        Assert.Equal(26, ServiceQuota.DaysUntilExhausted(quota)!.Value, 9);
        Assert.Equal(double.PositiveInfinity, ServiceQuota.DaysUntilExhausted(Quota(ServiceQuota.HistoryJson(Nightly(5, 5, 5, 5, 5)).GetRawText())));
        Assert.Null(ServiceQuota.DaysUntilExhausted(Quota(ServiceQuota.HistoryJson(Nightly(10, 11)).GetRawText())));
        Assert.False(ServiceQuota.HasUsageHistory(Quota(null)));
    }

    private static Resource Quota(string? history)
    {
        var supplementary = history is null ? "{}" : $$"""{"UsageHistory": {{history}}}""";
        return ConfigurationItems.ToResource(JsonDocument.Parse($$"""
            {"resourceType": "AWS::ServiceQuotas::Quota", "resourceId": "vpc/L-F678F1CE", "ARN": "arn:aws:servicequotas:eu-west-1:111111111111:vpc/L-F678F1CE",
             "awsAccountId": "111111111111", "awsRegion": "eu-west-1",
             "configuration": {"ServiceCode": "vpc", "QuotaCode": "L-F678F1CE", "QuotaName": "VPCs per Region", "Value": 40},
             "supplementaryConfiguration": {{supplementary}}}
            """).RootElement);
    }
}
