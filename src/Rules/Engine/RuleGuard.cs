using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Budget checks the compiler inserts into every function, loop, lambda and query clause of a rule
/// (<see cref="GuardInserter"/>), so that a runaway rule ends in an Error verdict instead of hanging
/// or killing the scan: a CancellationToken cannot stop <c>while (true) {}</c>, unbounded recursion
/// kills the process with an uncatchable stack overflow, and an OutOfMemoryException in one rule can
/// surface in another thread's allocation. Three budgets per evaluation: time (a deadline), stack
/// (<see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/>) and bytes allocated by the thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>). Once one is exceeded every later check
/// throws again, so a rule that catches the exception cannot carry on.
/// </summary>
public static class RuleGuard
{
    [ThreadStatic] private static long _deadline;
    [ThreadStatic] private static long _allocationLimit;
    [ThreadStatic] private static long _allocationBudget;
    [ThreadStatic] private static int _ticks;
    [ThreadStatic] private static string? _exceeded;

    /// <summary>Called by generated code at the top of every loop iteration and function body.</summary>
    public static void Tick()
    {
        if (_deadline == 0)
        {
            return;
        }
        if (_exceeded is not null)
        {
            Throw(_exceeded);
        }
        // About 10 ns; checked every time because one iteration can double a string.
        if (GC.GetAllocatedBytesForCurrentThread() > _allocationLimit)
        {
            Exceed($"the rule allocated more than its budget of {_allocationBudget / (1024 * 1024)} MB on this resource");
        }
        // Reading the clock on every iteration would slow tight loops; every 256th is enough.
        if ((++_ticks & 255) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            Exceed(RuleBudgetException.TimeMessage);
        }
    }

    /// <summary>Called by generated code when entering a function: fails cleanly before the stack runs out.</summary>
    public static void Enter()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Exceed("the rule recursed too deeply on this resource (stack budget)");
        }
        Tick();
    }

    /// <summary>Around a query clause: one tick per element LINQ feeds the clause's delegate.</summary>
    public static T Step<T>(T value)
    {
        Tick();
        return value;
    }

    /// <summary>Around a lazy LINQ result the rule builds: its enumeration is guarded level by level (see <see cref="GuardedSequence{T}"/>).</summary>
    public static IEnumerable<T> Lazy<T>(IEnumerable<T> sequence) => new GuardedSequence<T>(sequence);

    /// <summary>Around an array size: refuses an array over the remaining budget before it is allocated.</summary>
    public static int Length(int length, int bytesPerElement)
    {
        if (_deadline != 0 && length > 0 && (long)length * bytesPerElement > Remaining())
        {
            Exceed($"the rule asked for an array of {length} elements, over its allocation budget");
        }
        return length;
    }

    /// <summary>Around a capacity, count or width given to the BCL: two bytes an element at least.</summary>
    public static int Size(int size) => Length(size, 2);

    /// <summary>Around a Regex match timeout: never beyond what is left of the rule's time budget.</summary>
    public static TimeSpan RegexTimeout(TimeSpan requested)
    {
        if (_deadline == 0)
        {
            return requested;
        }
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
        var capped = left <= TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left;
        return requested == System.Text.RegularExpressions.Regex.InfiniteMatchTimeout || requested > capped ? capped : requested;
    }

    /// <summary>Why the current evaluation went over a budget, though the rule caught the exception; null when it did not.</summary>
    internal static string? Exceeded()
    {
        if (_exceeded is null && _deadline != 0)
        {
            if (GC.GetAllocatedBytesForCurrentThread() > _allocationLimit)
            {
                _exceeded = $"the rule allocated more than its budget of {_allocationBudget / (1024 * 1024)} MB on this resource";
            }
            else if (Stopwatch.GetTimestamp() > _deadline)
            {
                _exceeded = RuleBudgetException.TimeMessage;
            }
        }
        return _exceeded;
    }

    internal static void Start(TimeSpan time, long allocatedBytes)
    {
        _ticks = 0;
        _exceeded = null;
        _allocationBudget = allocatedBytes;
        _allocationLimit = GC.GetAllocatedBytesForCurrentThread() + allocatedBytes;
        _deadline = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
    }

    internal static void Stop()
    {
        _deadline = 0;
        _exceeded = null;
    }

    private static long Remaining() => _allocationLimit - GC.GetAllocatedBytesForCurrentThread();

    private static void Exceed(string why)
    {
        _exceeded = why;
        Throw(why);
    }

    private static void Throw(string why) =>
        throw (why == RuleBudgetException.TimeMessage ? new RuleTimeoutException() : new RuleBudgetException(why));
}
