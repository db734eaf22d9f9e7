using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Budget checks the compiler inserts into every function, loop, lambda and query clause of a rule
/// (<see cref="GuardInserter"/>), so that a runaway rule ends in an Error verdict instead of hanging
/// or killing the scan: a CancellationToken cannot stop <c>while (true) {}</c>, unbounded recursion
/// kills the process with an uncatchable stack overflow, and an OutOfMemoryException in one rule can
/// surface in another thread's allocation. Three budgets per evaluation: time (the CPU time of the evaluating
/// thread, see <see cref="TimeSpent"/>), stack
/// (<see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/>) and bytes allocated by the thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>). Once one is exceeded every later check
/// throws again, so a rule that catches the exception cannot carry on.
/// </summary>
public static partial class RuleGuard
{
    // One thread-static reference, not one per field: every guard call reads it once (a thread-static access costs
    // about as much as the allocation counter itself, and Tick runs in every loop iteration of every rule).
    [ThreadStatic] private static Budget? _budget;

    /// <summary>Called by generated code at the top of every loop iteration and function body.</summary>
    public static void Tick()
    {
        // One comparison covers the allocation budget, an exceeded budget (the limit set below any count) and no
        // evaluation at all (above any); about 10 ns, checked every time because one iteration can double a string.
        // Reading the clock on every iteration would slow tight loops: every 256th is enough.
        if (_budget is { } budget && (GC.GetAllocatedBytesForCurrentThread() > budget.TickLimit || (++budget.Ticks & 255) == 0))
        {
            Check(budget);
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
        if (_budget is { Active: true } budget && length > 0 && (long)length * bytesPerElement > budget.AllocationLimit - GC.GetAllocatedBytesForCurrentThread())
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
        if (_budget is not { Active: true } budget)
        {
            return requested;
        }
        var now = Environment.TickCount64;
        if (budget.Deadline - now < budget.TimeBudget / 2)
        {
            MoveDeadline(budget, now);
        }
        var left = TimeSpan.FromMilliseconds(budget.Deadline - now);
        var capped = left <= TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left;
        return requested == System.Text.RegularExpressions.Regex.InfiniteMatchTimeout || requested > capped ? capped : requested;
    }

    /// <summary>Why the current evaluation went over a budget, though the rule caught the exception; null when it did not.</summary>
    internal static string? Exceeded()
    {
        if (_budget is not { Active: true } budget)
        {
            return null;
        }
        if (budget.Exceeded is null)
        {
            if (GC.GetAllocatedBytesForCurrentThread() > budget.AllocationLimit)
            {
                budget.Exceeded = AllocationMessage(budget);
            }
            else if (TimeSpent(budget))
            {
                budget.Exceeded = RuleBudgetException.TimeMessage;
            }
        }
        return budget.Exceeded;
    }

    internal static void Start(TimeSpan time, long allocatedBytes)
    {
        var budget = _budget ??= new Budget();
        budget.Ticks = 0;
        budget.Exceeded = null;
        budget.Active = true;
        budget.AllocationBudget = allocatedBytes;
        budget.AllocationLimit = budget.TickLimit = GC.GetAllocatedBytesForCurrentThread() + allocatedBytes;
        var now = Environment.TickCount64;
        budget.TimeBudget = Math.Max(1, (long)Math.Ceiling(time.TotalMilliseconds));
        budget.Started = now;
        budget.Deadline = now + budget.TimeBudget;
        budget.Given = 0;
        budget.TimeCredit = budget.TimeBudget * CreditFactor;
        budget.ByteCredit = allocatedBytes * CreditFactor;
        budget.StalledAt = Stalled();
        budget.Sharing = 0;
        // The thread's CPU clock is a system call: read again only when the last reading is older than a tenth of the
        // budget (25 ms at most), so an evaluation is charged at most that much of the work that came before it.
        if (now - budget.CpuReadAt >= Math.Clamp(budget.TimeBudget / 10, 1, 25))
        {
            budget.CpuAtStart = ThreadCpuClock.Milliseconds();
            budget.CpuReadAt = now;
        }
    }

    internal static void Stop()
    {
        if (_budget is { } budget)
        {
            budget.Active = false;
            budget.Exceeded = null;
            budget.TickLimit = long.MaxValue;
        }
    }

    /// <summary>Tick's slow path: the budget may be exceeded, or it is time to read the clock.</summary>
    private static void Check(Budget budget)
    {
        if (!budget.Active)
        {
            return;
        }
        if (budget.Exceeded is not null)
        {
            Throw(budget.Exceeded);
        }
        if (GC.GetAllocatedBytesForCurrentThread() > budget.AllocationLimit)
        {
            Exceed(AllocationMessage(budget));
        }
        if ((budget.Ticks & 255) == 0 && TimeSpent(budget))
        {
            Exceed(RuleBudgetException.TimeMessage);
        }
    }

    private static string AllocationMessage(Budget budget) =>
        $"the rule allocated more than its budget of {budget.AllocationBudget / (1024 * 1024)} MB on this resource";

    private static void Exceed(string why)
    {
        if (_budget is { Active: true } budget)
        {
            // Every later check throws again: below any count, the limit sends every Tick to Check.
            budget.Exceeded = why;
            budget.TickLimit = long.MinValue;
        }
        Throw(why);
    }

    private static void Throw(string why) =>
        throw (why == RuleBudgetException.TimeMessage ? new RuleTimeoutException() : new RuleBudgetException(why));

    /// <summary>One thread's evaluation budget; <see cref="Active"/> only between Start and Stop.</summary>
    private sealed class Budget
    {
        public bool Active;
        public long AllocationLimit;
        // What Tick compares the thread's allocated bytes with: the allocation limit while the evaluation runs within
        // its budgets, below any count once one is exceeded (every Tick then throws again), above any between evaluations.
        public long TickLimit = long.MaxValue;
        public long AllocationBudget;
        // In Environment.TickCount64's milliseconds: the coarse clock costs a third of Stopwatch's, read twice an evaluation
        // (tens of millions at a million resources), and its few milliseconds of granularity are nothing to a budget of seconds.
        // The wall-clock time at which the thread's CPU time is next compared with the budget (see TimeSpent).
        public long Deadline;
        public long Started;
        public long TimeBudget;
        // The thread's CPU time (ThreadCpuClock) at or shortly before Start, and when it was read; null where unknown.
        public long? CpuAtStart;
        public long CpuReadAt = long.MinValue / 2;
        public int Ticks;
        public string? Exceeded;
        // Milliseconds and bytes the evaluation may still be given back (see CreditFactor), the milliseconds given back so
        // far (added to the deadline, not charged as CPU time), the collector's total pause time and the thread's JIT time
        // (TimeSpan ticks, Stalled) already accounted for, and how deep in shared builds it is.
        public long TimeCredit;
        public long Given;
        public long ByteCredit;
        public long StalledAt;
        public int Sharing;
    }
}
