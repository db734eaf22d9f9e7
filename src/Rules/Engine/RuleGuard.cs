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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tick()
    {
        // One thread-static read, a decrement and a comparison: the countdown reaches zero on the ticks that read the
        // allocation counter and, every 256 ticks, the clock (Check, see AllocationInterval); at once when the budget is
        // exceeded already, never between evaluations.
        if (_budget is { } budget && --budget.Countdown < 0)
        {
            Check(budget);
        }
    }

    /// <summary>
    /// <see cref="Tick()"/> with the budget the rule's script holds (<see cref="RuleScript.GuardBudget"/>, the evaluating
    /// thread's): generated where the code can name the script (loops and local functions, not lambdas), it spares the
    /// thread-static read (a native thread-local access, about as costly as the rest of a tick). Null (a script not run by
    /// the engine) reads the thread's budget as <see cref="Tick()"/> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tick(Budget? budget)
    {
        if (budget is null)
        {
            Tick();
        }
        else if (--budget.Countdown < 0)
        {
            Check(budget);
        }
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
    internal static string? Exceeded() => Exceeded(_budget);

    /// <summary><see cref="Exceeded()"/> of the budget <see cref="Start"/> gave (no thread-static read).</summary>
    internal static string? Exceeded(Budget? started)
    {
        if (started is not { Active: true } budget)
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

    /// <summary>Starts an evaluation's budgets on this thread; the budget it gives is the thread's, for Exceeded and Stop.</summary>
    internal static Budget Start(TimeSpan time, long allocatedBytes)
    {
        var budget = _budget ??= new Budget();
        budget.Ticks = 0;
        // The first tick reads the allocation counter: what the rule allocated before it (a copy of the resource's data)
        // sets how many ticks may pass before the next reading.
        budget.Countdown = 0;
        budget.Interval = 1;
        budget.Exceeded = null;
        budget.Active = true;
        budget.AllocationBudget = allocatedBytes;
        budget.AllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        budget.AllocationLimit = budget.AllocatedAtStart + allocatedBytes;
        var now = Environment.TickCount64;
        budget.TimeBudget = Math.Max(1, (long)Math.Ceiling(time.TotalMilliseconds));
        budget.Started = now;
        budget.Deadline = now + budget.TimeBudget;
        budget.Given = 0;
        budget.TimeCredit = budget.TimeBudget * CreditFactor;
        budget.ByteCredit = allocatedBytes * CreditFactor;
        budget.Sharing = 0;
        // The thread's CPU clock is a system call, and its JIT time a native thread-local read: read again only when the
        // last reading is older than a tenth of the budget (25 ms at most), so an evaluation is charged at most that much
        // of the work that came before it, and given back at most that much of the JIT's (the thread's JIT time cannot
        // grow faster than the wall clock).
        if (now - budget.CpuReadAt >= Math.Clamp(budget.TimeBudget / 10, 1, 25))
        {
            budget.CpuAtStart = ThreadCpuClock.Milliseconds();
            budget.StalledRead = Stalled();
            budget.CpuReadAt = now;
        }
        budget.StalledAt = budget.StalledRead;
        return budget;
    }

    internal static void Stop() => Stop(_budget);

    internal static void Stop(Budget? started)
    {
        if (started is { } budget)
        {
            budget.Active = false;
            budget.Exceeded = null;
            budget.Countdown = int.MaxValue;
        }
    }

    /// <summary>Tick's slow path: the budget may be exceeded, or it is time to read the allocation counter and the clock.</summary>
    private static void Check(Budget budget)
    {
        if (!budget.Active)
        {
            budget.Countdown = int.MaxValue;
            return;
        }
        if (budget.Exceeded is not null)
        {
            budget.Countdown = 0;
            Throw(budget.Exceeded);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        if (allocated > budget.AllocationLimit)
        {
            Exceed(AllocationMessage(budget));
        }
        budget.Ticks += budget.Interval;
        budget.Interval = AllocationInterval(allocated - budget.AllocatedAtStart, budget.AllocationLimit - budget.AllocatedAtStart);
        budget.Countdown = budget.Interval - 1;
        if (budget.Ticks >= 256)
        {
            budget.Ticks = 0;
            if (TimeSpent(budget))
            {
                Exceed(RuleBudgetException.TimeMessage);
            }
        }
    }

    /// <summary>
    /// How many ticks may pass before the allocation counter is read again (a native thread-local read, as costly as the
    /// rest of a tick together): as many as an allocation growing <see cref="AllocationGrowth"/>-fold every tick that does
    /// not read it cannot pass the budget in, from what the evaluation has allocated so far, and at most
    /// <see cref="MaxAllocationInterval"/>: every 4th tick up to 1/4,096 of the budget (64 KB of 256 MB), every 3rd up to
    /// 1/256, every 2nd up to 1/16, then every tick; the first tick of an evaluation reads it too (see Start). So a rule
    /// whose allocation grows at most sixteenfold a tick (a doubling string doubles it) ends within one tick's growth of
    /// its budget, as when every tick read the counter: at most growth + 1 times the budget in all
    /// (HostileAllocationBoundTests). One that grows faster can pass it by (growth / 16)^3 more, until the runtime refuses
    /// a string or array over 2 GB, which ends it as an Error too.
    /// </summary>
    internal static int AllocationInterval(long allocated, long budget)
    {
        var interval = 1;
        for (var reach = Math.Max(allocated, 1) * AllocationGrowth; interval < MaxAllocationInterval && reach <= budget; reach *= AllocationGrowth)
        {
            interval++;
        }
        return interval;
    }

    /// <summary>The allocation growth a tick that <see cref="AllocationInterval"/> allows for.</summary>
    internal const int AllocationGrowth = 16;

    /// <summary>The most ticks between two readings of the allocation counter.</summary>
    internal const int MaxAllocationInterval = 4;

    private static string AllocationMessage(Budget budget) =>
        $"the rule allocated more than its budget of {budget.AllocationBudget / (1024 * 1024)} MB on this resource";

    private static void Exceed(string why)
    {
        if (_budget is { Active: true } budget)
        {
            // Every later check throws again: the next Tick goes to Check.
            budget.Exceeded = why;
            budget.Countdown = 0;
        }
        Throw(why);
    }

    private static void Throw(string why) =>
        throw (why == RuleBudgetException.TimeMessage ? new RuleTimeoutException() : new RuleBudgetException(why));

    /// <summary>
    /// One thread's evaluation budget; <see cref="Active"/> only between Start and Stop. Public for the generated code to
    /// pass it back to <see cref="Tick(Budget)"/> and <see cref="Enter(Budget)"/>; a rule can neither name it nor read it.
    /// </summary>
    public sealed class Budget
    {
        internal Budget()
        {
        }

        // The thread's evaluator state (Evaluator's scripts), kept here so that an evaluation reads one thread-static.
        internal object? Evaluating;
        internal bool Active;
        internal long AllocationLimit;
        internal long AllocatedAtStart;
        // Ticks left before the next Check: int.MaxValue between evaluations, 0 once a budget is exceeded (every Tick then
        // throws again); Interval is the count it was last set from, Ticks those counted towards the next clock reading.
        internal int Countdown = int.MaxValue;
        internal int Interval;
        // The thread's stack floor (RuleGuard.Stack): kept from one evaluation to the next, a thread's stack does not move.
        internal nuint StackFloor = nuint.MaxValue;
        internal long AllocationBudget;
        // In Environment.TickCount64's milliseconds: the coarse clock costs a third of Stopwatch's, read twice an evaluation
        // (tens of millions at a million resources), and its few milliseconds of granularity are nothing to a budget of seconds.
        // The wall-clock time at which the thread's CPU time is next compared with the budget (see TimeSpent).
        internal long Deadline;
        internal long Started;
        internal long TimeBudget;
        // The thread's CPU time (ThreadCpuClock) at or shortly before Start, and when it was read; null where unknown.
        internal long? CpuAtStart;
        internal long CpuReadAt = long.MinValue / 2;
        internal int Ticks;
        internal string? Exceeded;
        // Milliseconds and bytes the evaluation may still be given back (see CreditFactor), the milliseconds given back so
        // far (added to the deadline, not charged as CPU time), the collector's total pause time and the thread's JIT time
        // (TimeSpan ticks, Stalled) already accounted for and as last read (at CpuReadAt), and how deep in shared builds it is.
        internal long TimeCredit;
        internal long Given;
        internal long ByteCredit;
        internal long StalledAt;
        internal long StalledRead;
        internal int Sharing;
    }
}
