using System.Diagnostics;
using System.Collections.Concurrent;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>
/// Data that evaluations share (a permission set's remembered answers, an account's trust policies) is built by
/// whichever evaluation asks first: that build is not charged to its budget, so a slow build on a busy worker gives no
/// spurious Error; yet what is given back is bounded, so a rule that makes builds happen again and again still ends.
/// </summary>
public sealed class SharedBuildBudgetTests
{
    private const long Bytes = 64L * 1024 * 1024;

    [Fact]
    public void ASharedAnswerSlowerToWorkOutThanTheBudgetIsNotChargedToTheEvaluationThatAskedFirst()
    {
        var permissions = new PermissionSet(
            [PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "policy")],
            DateTimeOffset.UnixEpoch);
        RuleGuard.Start(TimeSpan.FromMilliseconds(200), Bytes);
        try
        {
            var answer = permissions.Remember("slow", static (_, _) =>
            {
                // Longer than the budget, within what a build may be given back (CreditFactor times the budget).
                Thread.Sleep(500);
                return new string('x', 1_000);
            });
            TickPastAClockRead();

            Assert.Equal(1_000, answer.Length);
            Assert.Null(RuleGuard.Exceeded());
        }
        finally
        {
            RuleGuard.Stop();
        }
    }

    [Fact]
    public void ABuildsBytesAreGivenBackToTheAllocationBudget()
    {
        var cache = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        RuleGuard.Start(TimeSpan.FromSeconds(30), 1024 * 1024);
        try
        {
            var built = SharedData.GetOrAdd(cache, "large", static (_, size) => new byte[size], 4 * 1024 * 1024);
            TickPastAClockRead();

            Assert.Equal(4 * 1024 * 1024, built.Length);
            Assert.Null(RuleGuard.Exceeded());
        }
        finally
        {
            RuleGuard.Stop();
        }
    }

    [Fact]
    public void TheRulesOwnWorkAfterABuildIsStillBoundByItsBudget()
    {
        var cache = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        RuleGuard.Start(TimeSpan.FromMilliseconds(100), Bytes);
        try
        {
            SharedData.GetOrAdd(cache, "slow", static (_, delay) => { Thread.Sleep(delay); return delay; }, 300);
            var clock = Stopwatch.StartNew();

            Assert.Throws<RuleTimeoutException>((Action)(static () => { while (true) { RuleGuard.Tick(); } }));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the loop after the build ran {clock.Elapsed}");
        }
        finally
        {
            RuleGuard.Stop();
        }
    }

    [Fact]
    public void BuildsRepeatedWithoutEndStillEndTheEvaluationOnceTheirAllowanceIsSpent()
    {
        // What a hostile rule could do with shared data keyed by objects of its own (an inventory it made): a new build
        // at every turn of its loop. The time given back is at most CreditFactor times the budget.
        var cache = new ConcurrentDictionary<int, int>();
        var budget = TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        RuleGuard.Start(budget, Bytes);
        try
        {
            Assert.Throws<RuleTimeoutException>((Action)(() =>
            {
                for (var i = 0; ; i++)
                {
                    SharedData.GetOrAdd(cache, i, static (_, delay) => { Thread.Sleep(delay); return delay; }, 20);
                    TickPastAClockRead();
                }
            }));
        }
        finally
        {
            RuleGuard.Stop();
        }
        var allowance = budget * (1 + RuleGuard.CreditFactor);
        Assert.True(clock.Elapsed >= allowance - TimeSpan.FromMilliseconds(50), $"ended after {clock.Elapsed}, before its allowance");
        Assert.True(clock.Elapsed < allowance + TimeSpan.FromSeconds(10), $"ran {clock.Elapsed} against an allowance of {allowance}");
    }

    [Fact]
    public void OutsideAnEvaluationABuildIsJustABuild()
    {
        var cache = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        Assert.Equal(3, SharedData.GetOrAdd(cache, "abc", static (key, _) => key.Length, 0));
        Assert.Null(RuleGuard.Exceeded());
    }

    /// <summary>Enough guard calls for the clock to be read (every 256th) twice.</summary>
    private static void TickPastAClockRead()
    {
        for (var i = 0; i < 1_024; i++)
        {
            RuleGuard.Tick();
        }
    }
}
