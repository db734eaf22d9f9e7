using System.Diagnostics;
using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>
/// A rule's time budget is the CPU time its thread uses: a worker shared with other jobs makes an evaluation wait for
/// a core, and that wait must not turn an honest rule into an Error, while a rule that does use the budget still ends.
/// </summary>
public sealed class RuleTimeBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void WaitingLongerThanTheBudgetWithoutUsingTheCpuDoesNotSpendIt()
    {
        InBudget(() =>
        {
            // What a loaded machine does to an evaluation: wall time passes while the thread is not running.
            Thread.Sleep(Budget * 2);
            TickEnoughToReadTheClock();

            Assert.Null(RuleGuard.Exceeded());
        });
    }

    [Fact]
    public void UsingTheBudgetInCpuTimeSpendsItAndEveryLaterGuardThrows()
    {
        InBudget(() =>
        {
            Assert.NotNull(ThreadCpuClock.Milliseconds());
            var cpuAtStart = ThreadCpuClock.Milliseconds()!.Value;
            var wall = Stopwatch.StartNew();
            while (ThreadCpuClock.Milliseconds() - cpuAtStart < Budget.TotalMilliseconds * 1.5 && wall.Elapsed < TimeSpan.FromSeconds(30))
            {
                Spin();
            }

            Assert.Throws<RuleTimeoutException>(TickEnoughToReadTheClock);
            Assert.Throws<RuleTimeoutException>(RuleGuard.Tick);
            Assert.Equal(RuleBudgetException.TimeMessage, RuleGuard.Exceeded());
        });
    }

    [Fact]
    public void TenTimesTheBudgetInWallTimeEndsTheEvaluationWhateverTheCpuSays()
    {
        InBudget(() =>
        {
            // Past the wall-time bound even with everything that may be given back (the JIT's time) given.
            Thread.Sleep(Budget * (RuleGuard.WallTimesBudget + RuleGuard.CreditFactor + 1));

            Assert.Equal(RuleBudgetException.TimeMessage, RuleGuard.Exceeded());
        });
    }

    [Fact]
    public void ARegexTimeoutAfterAWaitIsWhatIsLeftOfTheCpuBudgetNotOfTheWallClock()
    {
        InBudget(() =>
        {
            Thread.Sleep(Budget * 2);

            var timeout = RuleGuard.RegexTimeout(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout);

            Assert.True(timeout > Budget / 2, $"a regex would be given {timeout.TotalMilliseconds} ms after a wait that used no CPU");
            Assert.True(timeout <= Budget, $"a regex would be given {timeout.TotalMilliseconds} ms, more than the budget");
        });
    }

    /// <summary>Runs the body as an evaluation with the budget, as the evaluator does.</summary>
    private static void InBudget(Action body)
    {
        RuleGuard.Start(Budget, 64L * 1024 * 1024);
        try
        {
            body();
        }
        finally
        {
            RuleGuard.Stop();
        }
    }

    /// <summary>Tick reads the clock on every 256th call.</summary>
    private static void TickEnoughToReadTheClock()
    {
        for (var i = 0; i < 512; i++)
        {
            RuleGuard.Tick();
        }
    }

    private static void Spin()
    {
        var x = 0L;
        for (var i = 0; i < 100_000; i++)
        {
            x += i * i;
        }
        GC.KeepAlive(x);
    }
}
