using System.Diagnostics;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>A rule that exhausts memory, stack or time, or writes what it reads, ends as Error for that resource: the process goes on.</summary>
public sealed class HostileRuleErrorTests
{
    public static TheoryData<string, string, string> Rules() => ErrorHostileRules.All();

    [Theory]
    [MemberData(nameof(Rules))]
    public void AHostileRuleThatLoadsEndsAsAnErrorVerdictWithinItsBudget(string name, string body, string said)
    {
        var clock = Stopwatch.StartNew();

        var result = SandboxRuns.RunAlone(body);

        Assert.True(result.Verdict == Verdict.Error, $"{name}: {result.Verdict} {result.Message}");
        // Which budget runs out first can depend on the machine's load: "a|b" accepts either.
        Assert.True(said.Split('|').Any(s => result.Message.Contains(s, StringComparison.Ordinal)), $"{name}: '{result.Message}' says none of '{said}'");
        // It ends rather than hangs: the budget is CPU time (500 ms here) and at most ten times that in wall time, but a
        // loaded machine also slows the collections a memory-hungry rule causes, so the bound is generous.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{name} took {clock.Elapsed}");
    }

    [Fact]
    public void TheNextEvaluationOnTheSameThreadRunsWithAFreshBudget()
    {
        Assert.Equal(Verdict.Error, SandboxRuns.RunAlone("while (true) { }").Verdict);

        var result = SandboxRuns.RunAlone("var n = 0;\nfor (var i = 0; i < 1000; i++) n += i;\nreturn Pass(n.ToString());");

        Assert.Equal(new RuleResult(Verdict.Pass, "499500"), result);
    }
}
