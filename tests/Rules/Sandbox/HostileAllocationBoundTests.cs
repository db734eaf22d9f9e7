using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>
/// How far past its allocation budget a growing rule gets before it ends as an Error. The guards read the thread's
/// allocation counter only every few ticks while the evaluation has allocated little (<see cref="RuleGuard.AllocationInterval"/>):
/// an allocation growing up to <see cref="RuleGuard.AllocationGrowth"/>-fold a tick is still stopped within one tick's growth of
/// the budget, as when every tick read it: at most (growth + 1) times the budget in all.
/// </summary>
public sealed class HostileAllocationBoundTests
{
    private const long Budget = 1024 * 1024;

    [Theory]
    [InlineData("doubling", "var s = Resource.Arn;\nwhile (true) { s += s; }", 2)]
    [InlineData("quadrupling", "var s = Resource.Arn;\nwhile (true) { s = string.Concat(s, s, s, s); }", 4)]
    [InlineData("sixteenfold", "var s = Resource.Arn;\nwhile (true) { s = string.Concat(s, s, s, s);\ns = string.Concat(s, s, s, s); }", 16)]
    [InlineData("doubling in a lambda", "var s = Resource.Arn;\nFunc<string, string> twice = x => x + x;\nwhile (true) { s = twice(s); }", 2)]
    public void AGrowingRuleEndsWithinOneTicksGrowthOfItsBudget(string name, string body, int growth)
    {
        var evaluator = Evaluator(body);
        evaluator.Evaluate(0, Resource());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = evaluator.Evaluate(0, Resource());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.Verdict == Verdict.Error && result.Message.Contains("allocated more than its budget", StringComparison.Ordinal), $"{name}: {result.Message}");
        Assert.True(allocated > Budget, $"{name}: ended after {allocated} bytes, within its budget");
        Assert.True(allocated <= (growth + 1) * Budget, $"{name}: {allocated} bytes, more than {growth + 1} times its budget of {Budget}");
    }

    [Fact]
    public void ARuleGrowingFasterThanTheGuardsAllowForEndsWithinTheDocumentedBound()
    {
        // 32-fold a tick: between two readings of the counter it may pass the budget by (32 / 16)^3 more than one tick's growth.
        const int growth = 32;
        var evaluator = Evaluator("var s = Resource.Arn;\nwhile (true) { s = string.Concat(s, s, s, s);\ns = string.Concat(s, s, s, s);\ns += s; }");
        evaluator.Evaluate(0, Resource());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = evaluator.Evaluate(0, Resource());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.Verdict == Verdict.Error && result.Message.Contains("allocated more than its budget", StringComparison.Ordinal), result.Message);
        var bound = (growth + 1) * Math.Pow(growth / (double)RuleGuard.AllocationGrowth, RuleGuard.MaxAllocationInterval - 1) * Budget;
        Assert.True(allocated <= bound, $"{allocated} bytes, more than {bound}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(4096)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(1_000_000)]
    [InlineData(64L * 1024 * 1024)]
    [InlineData(256L * 1024 * 1024)]
    public void BetweenTwoReadingsAnAllocationGrowingSixteenfoldATickCannotPassTheBudget(long allocated)
    {
        const long budget = 256L * 1024 * 1024;

        var interval = RuleGuard.AllocationInterval(allocated, budget);

        Assert.InRange(interval, 1, RuleGuard.MaxAllocationInterval);
        // The interval - 1 ticks that do not read the counter, each growing the allocation sixteenfold, stay within the
        // budget (the last tick's growth is what reading on every tick would let through too); one more would not.
        var reach = Math.Max(allocated, 1);
        for (var tick = 1; tick < interval; tick++)
        {
            reach *= RuleGuard.AllocationGrowth;
        }
        Assert.True(reach <= budget || interval == 1, $"{allocated}: {interval} ticks reach {reach}");
        Assert.True(interval == RuleGuard.MaxAllocationInterval || reach * RuleGuard.AllocationGrowth > budget, $"{allocated}: {interval} ticks, more would do");
    }

    private static Evaluator Evaluator(string body) =>
        new(RuleCompiler.Compile([SandboxRuns.Hostile(body)]), SandboxRuns.Estate, new Inventory(SandboxRuns.Resources()), _ => RuleParams.Empty,
            DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5), allocationBudget: Budget);

    private static Resource Resource() => SandboxRuns.Resources()[0];
}
