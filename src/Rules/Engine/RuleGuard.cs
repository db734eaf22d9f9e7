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
        var left = TimeSpan.FromMilliseconds(budget.Deadline - Environment.TickCount64);
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
            else if (OverTime(budget))
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
        var milliseconds = (long)Math.Ceiling(time.TotalMilliseconds);
        budget.Deadline = Environment.TickCount64 + milliseconds;
        budget.TimeCredit = milliseconds * CreditFactor;
        budget.ByteCredit = allocatedBytes * CreditFactor;
        budget.StalledAt = Stalled();
        budget.Sharing = 0;
    }

    /// <summary>
    /// How many times its budgets (time, bytes) an evaluation may be given back, for the collector's pauses, the JIT and the shared data it
    /// built (<see cref="SharedBuild"/>): enough for a build or a blocking collection on a loaded worker, while a hostile rule that
    /// builds such data again and again (from inventories of its own) or makes the collector run still ends.
    /// </summary>
    internal const int CreditFactor = 4;

    /// <summary>
    /// Around the build of data that every later evaluation shares (an account's trust policies or resource policies'
    /// grants, a managed policy read once for all its principals): the first evaluation to ask builds it, and that work
    /// is not the rule's, so the time and bytes it took are given back to the evaluation's budgets when the build ends
    /// (within <see cref="CreditFactor"/>). Engine and rule-API code only: rules cannot name it (internal), and the
    /// rule's own guards still run against the budgets as they stand while the build runs.
    /// </summary>
    internal static SharedBuild Sharing() => new();

    /// <summary>One build of shared data, from <see cref="Sharing"/> to its Dispose; nested builds give back once, at the outermost.</summary>
    internal readonly ref struct SharedBuild
    {
        private readonly Budget? _building;
        private readonly long _startedAt;
        private readonly long _allocatedAt;
        private readonly long _stalledAt;

        public SharedBuild()
        {
            // The thread's budget (RuleGuard._budget, not this struct's field).
            var budget = RuleGuard._budget is { Active: true } active ? active : null;
            _building = budget;
            if (budget is null || budget.Sharing++ > 0)
            {
                return;
            }
            _startedAt = Environment.TickCount64;
            _allocatedAt = GC.GetAllocatedBytesForCurrentThread();
            _stalledAt = Stalled();
        }

        public void Dispose()
        {
            if (_building is not { } budget || --budget.Sharing > 0 || !budget.Active)
            {
                return;
            }
            // The collector's pauses and the compiler's work inside the build are in its time already: not given back twice.
            budget.StalledAt += Stalled() - _stalledAt;
            GiveTime(budget, Environment.TickCount64 - _startedAt);
            var bytes = Math.Min(GC.GetAllocatedBytesForCurrentThread() - _allocatedAt, budget.ByteCredit);
            budget.ByteCredit -= bytes;
            budget.AllocationLimit += bytes;
            if (budget.Exceeded is null)
            {
                budget.TickLimit = budget.AllocationLimit;
            }
        }
    }

    private static void GiveTime(Budget budget, long milliseconds)
    {
        var given = Math.Clamp(milliseconds, 0, budget.TimeCredit);
        budget.TimeCredit -= given;
        budget.Deadline += given;
    }

    /// <summary>
    /// Whether the evaluation is past its deadline, the time the thread was stopped since it started given back first:
    /// a blocking collection stops every thread (seconds on a loaded worker with a large heap), and the JIT compiles a
    /// rule's code on its first evaluation on a thread; neither is the rule's work. Read only once the coarse clock is
    /// past the deadline, so the usual path costs what it did (and <see cref="Start"/> one read of each counter, ~5 ns).
    /// </summary>
    private static bool OverTime(Budget budget)
    {
        if (Environment.TickCount64 <= budget.Deadline)
        {
            return false;
        }
        var stalled = Stalled();
        GiveTime(budget, (stalled - budget.StalledAt) / TimeSpan.TicksPerMillisecond);
        budget.StalledAt = stalled;
        return Environment.TickCount64 > budget.Deadline;
    }

    /// <summary>The process's collector pauses and this thread's JIT compilation so far, in TimeSpan ticks.</summary>
    private static long Stalled() => GC.GetTotalPauseDuration().Ticks + System.Runtime.JitInfo.GetCompilationTime(currentThread: true).Ticks;

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
        if ((budget.Ticks & 255) == 0 && OverTime(budget))
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
        public long Deadline;
        public int Ticks;
        public string? Exceeded;
        // Milliseconds and bytes the evaluation may still be given back (see CreditFactor), the collector's total pause
        // time and the thread's JIT time (TimeSpan ticks, Stalled) already accounted for, and how deep in shared builds it is.
        public long TimeCredit;
        public long ByteCredit;
        public long StalledAt;
        public int Sharing;
    }
}
