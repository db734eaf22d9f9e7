using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>A person watching sees one live line; a log file gets timestamped lines; neither ever a secret.</summary>
public sealed class CollectionProgressTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void AnInteractiveRunRedrawsOneLineWithAccountsRequestsThrottlesAndGaps()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var statistics = new AwsCallStatistics();
        using var output = new StringWriter();
        using var progress = new CollectionProgress(output, interactive: true, time, statistics, new SecretRegistry());

        progress.Start(accounts: 3, regions: 2);
        statistics.Request();
        statistics.Request();
        statistics.Throttled();
        progress.AccountDone("111111111111");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("\r\u001b[2Kaccounts 1/3, 2 requests, 1 throttled, 0 retries, 0 gaps", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ALogGetsTimestampedLinesAndNoSecret()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var secrets = new SecretRegistry();
        secrets.Add(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", Secret));
        using var output = new StringWriter();
        using var progress = new CollectionProgress(output, interactive: false, time, new AwsCallStatistics(), secrets);

        progress.Start(accounts: 1, regions: 1);
        progress.Gap(new CoverageGap("111111111111", "eu-west-1", CoverageGap.Sources.Config, $"an error quoting {Secret}"));
        progress.AccountDone("111111111111");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("2025-01-01T00:00:00Z ", line, StringComparison.Ordinal));
        Assert.Contains("gap: account 111111111111, region eu-west-1, config: an error quoting ***", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output.ToString(), StringComparison.Ordinal);
    }
}
