using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The stack budget: <see cref="Enter()"/> fails cleanly before a rule's recursion runs the stack out. The runtime's own
/// check (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>: 128 KB left on 64-bit) is a native call that
/// reads a thread-local, about as costly as the rest of a guard together; it is asked only below a floor remembered
/// per thread, <see cref="StackSlack"/> below the deepest address where it last said yes. Above the floor at least the
/// runtime's margin less the slack is left; below it the runtime decides, and a yes moves the floor down.
/// </summary>
public static partial class RuleGuard
{
    /// <summary>How far below the deepest address the runtime approved the floor lies: what a skipped check may cost of the runtime's margin.</summary>
    internal const int StackSlack = 16 * 1024;

    /// <summary>Called by generated code when entering a function: fails cleanly before the stack runs out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Enter()
    {
        byte here;
        var at = (nuint)(&here);
        if (_budget is not { } budget || at < budget.StackFloor)
        {
            EnterDeep(at);
        }
        else if (--budget.Countdown < 0)
        {
            Check(budget);
        }
    }

    /// <summary><see cref="Enter()"/> with the script's budget (see <see cref="Tick(Budget)"/>): no thread-static read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Enter(Budget? budget)
    {
        byte here;
        var at = (nuint)(&here);
        if (budget is null || at < budget.StackFloor)
        {
            EnterDeep(at);
        }
        else if (--budget.Countdown < 0)
        {
            Check(budget);
        }
    }

    /// <summary>Whether the stack has room for another level of a rule's calls (or of the LINQ chain it built).</summary>
    internal static unsafe bool StackLeft()
    {
        byte here;
        var at = (nuint)(&here);
        return (_budget is { } budget && at >= budget.StackFloor) || AskRuntime(at);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterDeep(nuint at)
    {
        if (!AskRuntime(at))
        {
            Exceed("the rule recursed too deeply on this resource (stack budget)");
        }
        Tick();
    }

    /// <summary>The runtime's check, from a frame below <paramref name="at"/>; a yes moves the thread's floor down to the slack below it.</summary>
    private static bool AskRuntime(nuint at)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }
        if (_budget is { } budget && at - StackSlack < budget.StackFloor)
        {
            budget.StackFloor = at - StackSlack;
        }
        return true;
    }
}
