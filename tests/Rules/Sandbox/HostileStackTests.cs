using System.Runtime.CompilerServices;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>
/// Wherever an evaluation starts on a thread (shallow, deep, at the runtime's own limit), a rule that recurses without end
/// ends as an Error, never as a stack overflow that would end the process (and this test run with it); an honest rule
/// nested a thousand deep still passes. (A guard that asked the runtime only below a floor was tried, see
/// docs/performance.md, fifteenth session: these cases held it to its promise.)
/// </summary>
public sealed class HostileStackTests
{
    private const string Recursive = "int Down(int n) => Down(n + 1) + 1;\nreturn Pass(Down(0).ToString());";

    [Fact]
    public void ARecursiveRuleEndsAsAnErrorWhereverItsEvaluationStartsOnAThreadWithASmallStack()
    {
        var evaluator = Evaluator(Recursive);
        var results = new List<RuleResult>();
        Exception? failed = null;
        // 512 KB of stack: shallow first (the floor is set there), then from deeper and deeper in the same thread's stack
        // (each frame of Deep holds about 1 KB), down to where the runtime's own check refuses, then shallow again.
        var thread = new Thread(
            () =>
            {
                try
                {
                    results.Add(evaluator.Evaluate(0, Resource()));
                    foreach (var depth in new[] { 50, 150, 250, int.MaxValue, 100 })
                    {
                        results.Add(Deep(depth, () => evaluator.Evaluate(0, Resource())));
                    }
                }
                catch (Exception ex)
                {
                    failed = ex;
                }
            },
            maxStackSize: 512 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failed);
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.True(r.Verdict == Verdict.Error && r.Message.Contains("recursed too deeply", StringComparison.Ordinal), r.Message));
    }

    [Fact]
    public void AnHonestRuleWithNestedFunctionsPassesBelowAndAboveTheFloor()
    {
        // Ten nested calls and a thousand: each call's guard asks the runtime, and there is room for both.
        var evaluator = Evaluator("int Nest(int n) => n == 0 ? 0 : Nest(n - 1) + 1;\nreturn Pass(Nest(10).ToString() + \" \" + Nest(1000).ToString());");

        var result = evaluator.Evaluate(0, Resource());

        Assert.Equal(new RuleResult(Verdict.Pass, "10 1000"), result);
    }

    private static Evaluator Evaluator(string body) =>
        new(RuleCompiler.Compile([SandboxRuns.Hostile(body)]), SandboxRuns.Estate, new Inventory(SandboxRuns.Resources()), _ => RuleParams.Empty,
            DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5));

    private static Resource Resource() => SandboxRuns.Resources()[0];

    /// <summary>
    /// Runs <paramref name="then"/> about <paramref name="depth"/> KB deeper in the stack, or where the runtime's own check
    /// first refuses (less than its margin left), whichever comes first.
    /// </summary>
    private static RuleResult Deep(int depth, Func<RuleResult> then)
    {
        Span<byte> frame = stackalloc byte[1000];
        frame[0] = 1;
        var result = depth == 0 || !RuntimeHelpers.TryEnsureSufficientExecutionStack() ? then() : Deep(depth - 1, then);
        // The frame is used after the call: the recursion stays a recursion.
        return frame[0] == 1 ? result : throw new InvalidOperationException("the frame was overwritten");
    }
}
