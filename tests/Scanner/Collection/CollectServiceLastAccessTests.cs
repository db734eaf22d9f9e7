using System.Diagnostics;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>`guardrails collect` with aws.serviceLastAccessed enabled: one IAM job per user and role, polled, written, read back.</summary>
public sealed class CollectServiceLastAccessTests
{
    private static AwsSettings Enabled(double jobsPerSecond = 200) => CollectionHarness.FastSettings(lastAccess:
        new ServiceLastAccessSettings { Enabled = true, JobsPerSecond = jobsPerSecond, JobTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task EveryUserAndRoleGetsItsServicesAcrossPagesAndReadsBackAsServed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 4, maxPage: 3);

        var summary = await harness.CollectAsync(Enabled());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        Assert.Empty(collected.Errors);
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed(servicesLastAccessed: true)), CollectionHarness.Describe(collected));
        var principals = collected.Resources.Where(r => r.Type is IamPrincipals.RoleType or IamPrincipals.UserType).ToList();
        Assert.Equal(3 * 4, principals.Count);
        Assert.All(principals, p => Assert.NotNull(UnusedAccess.ServicesOf(p)));
        // The role's ten services came over four pages of three.
        Assert.All(principals.Where(p => p.Type == IamPrincipals.RoleType), role => Assert.Equal(10, UnusedAccess.ServicesOf(role)!.Count));
        // RoleLastUsed arrives in IAM's XML as a structure: it is collected as the CLI prints it.
        Assert.All(principals.Where(p => p.Type == IamPrincipals.RoleType), role => Assert.Equal("2024-01-02T03:04:05Z", role.Config("RoleLastUsed", "LastUsedDate")?.GetString()));
        Assert.Equal(12, harness.Server.LastAccess.Started.Count);
        Assert.All(harness.Server.LastAccess.Started.Values, started => Assert.Equal(1, started));
    }

    [Fact]
    public async Task LeftOffByDefaultNoJobIsStartedAndThePrincipalsCarryNoData()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        Assert.Empty(harness.Server.LastAccess.Started);
        Assert.All(harness.ReadCollected().Resources, r => Assert.Null(UnusedAccess.ServicesOf(r)));
        Assert.False(Directory.Exists(Path.Combine(harness.SnapshotDirectory, harness.Estate.Accounts.Order(StringComparer.Ordinal).First(), "iam", "service-last-accessed")));
    }

    [Fact]
    public async Task AFailedJobAndAJobThatNeverCompletesAreGapsNamingTheirPrincipalsAlone()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        var failed = $"arn:aws:iam::{account}:role/GuardrailsAudit";
        var stuck = $"arn:aws:iam::{account}:user/user-1";
        harness.Server.Faults.FailedLastAccessJobs[failed] = true;
        harness.Server.Faults.StuckLastAccessJobs[stuck] = true;

        var summary = await harness.CollectAsync(Enabled());

        Assert.Equal(2, summary.Gaps.Count);
        Assert.All(summary.Gaps, gap => Assert.Equal((account, (string?)null, CoverageGap.Sources.ServiceLastAccessed), (gap.AccountId, gap.Region, gap.Source)));
        Assert.Contains(summary.Gaps, g => g.Reason.StartsWith("role/GuardrailsAudit: ", StringComparison.Ordinal) && g.Reason.Contains("FAILED: ServiceFailure", StringComparison.Ordinal));
        Assert.Contains(summary.Gaps, g => g.Reason.StartsWith("user/user-1: ", StringComparison.Ordinal) && g.Reason.Contains("did not complete within 1 s", StringComparison.Ordinal));
        var collected = harness.ReadCollected();
        var withoutData = collected.Resources.Where(r => r.Type is IamPrincipals.RoleType or IamPrincipals.UserType && UnusedAccess.ServicesOf(r) is null).Select(r => r.Arn);
        Assert.Equal([failed, stuck], withoutData.Order(StringComparer.Ordinal));
        // A job gap is no IAM gap: the account's other IAM verdicts stand.
        Assert.DoesNotContain(collected.Gaps, g => g.Source == CoverageGap.Sources.Iam);
        Assert.False(collected.Gaps.Single(g => g.Source == CoverageGap.Sources.ServiceLastAccessed && g.Reason.StartsWith("role/", StringComparison.Ordinal))
            .Covers(account, "global", IamPrincipals.RoleType));
    }

    [Fact]
    public async Task JobsStartNoFasterThanTheirOwnRate()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 1);
        var watch = Stopwatch.StartNew();

        var summary = await harness.CollectAsync(Enabled(jobsPerSecond: 5));

        Assert.Empty(summary.Gaps);
        // Four principals, one token at a time at 5/s: the last job starts at least 3 × 200 ms after the first.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(600), $"{watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(4, harness.Server.LastAccess.Started.Count);
    }
}
