using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Budget checks the compiler inserts into every loop, local function and lambda of a rule, so
/// that a runaway rule ends in an Error verdict instead of hanging the scan: a CancellationToken
/// cannot stop <c>while (true) {}</c>, and unbounded recursion would kill the process with an
/// uncatchable stack overflow.
/// </summary>
public static class RuleGuard
{
    [ThreadStatic] private static long _deadline;
    [ThreadStatic] private static int _ticks;

    /// <summary>Called by generated code at the top of every loop iteration and function body.</summary>
    public static void Tick()
    {
        // Reading the clock on every iteration would slow tight loops; every 1,024th is enough.
        if ((++_ticks & 1023) == 0 && _deadline != 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new RuleTimeoutException();
        }
    }

    /// <summary>Called by generated code when entering a function: fails cleanly before the stack runs out.</summary>
    public static void Enter()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Tick();
    }

    internal static void Start(TimeSpan budget)
    {
        _ticks = 0;
        _deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
    }

    internal static void Stop() => _deadline = 0;
}
