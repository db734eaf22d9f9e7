namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The time budget's accounting: what an evaluation is charged (its thread's CPU time) and what it is given back (the
/// JIT, the shared data it happened to build first, and the collector's pauses where the thread's CPU time is unknown).
/// </summary>
public static partial class RuleGuard
{
    /// <summary>However loaded the machine, an evaluation ends after this many times its budget in wall time (plus what it was given back).</summary>
    internal const int WallTimesBudget = 10;

    /// <summary>
    /// How many times its budgets (time, bytes) an evaluation may be given back, for the JIT and the shared data it
    /// built (<see cref="SharedBuild"/>): enough for a build on a loaded worker, while a hostile rule that
    /// builds such data again and again (from inventories of its own) still ends.
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
        }
    }

    private static void GiveTime(Budget budget, long milliseconds)
    {
        var given = Math.Clamp(milliseconds, 0, budget.TimeCredit);
        budget.TimeCredit -= given;
        budget.Given += given;
        budget.Deadline += given;
    }

    /// <summary>
    /// Whether the time budget is spent. The wall clock is read first (cheap): until it passes the deadline the thread
    /// cannot have used the budget, and the usual path costs nothing more (<see cref="Start"/> reads the JIT's counter
    /// with the CPU clock, at most every tenth of the budget). Past it, first what is not the rule's work is given back
    /// (the JIT compiling a rule's code on its first evaluation on a thread; the collector's pauses where there is no CPU
    /// clock, see <see cref="Stalled"/>), then the thread's CPU time decides, so that waiting for a core on a loaded
    /// worker is not charged to the rule: the deadline moves to when the rest of the budget would be spent with a core
    /// to itself.
    /// <see cref="WallTimesBudget"/> times the budget in wall time (plus what was given back) ends the evaluation
    /// whatever the CPU says, and where the platform gives no thread CPU time the wall clock alone decides.
    /// </summary>
    private static bool TimeSpent(Budget budget)
    {
        var now = Environment.TickCount64;
        if (now <= budget.Deadline)
        {
            return false;
        }
        var stalled = Stalled();
        GiveTime(budget, (stalled - budget.StalledAt) / TimeSpan.TicksPerMillisecond);
        budget.StalledAt = stalled;
        MoveDeadline(budget, now);
        return now > budget.Deadline;
    }

    private static void MoveDeadline(Budget budget, long now)
    {
        if (budget.CpuAtStart is { } start && ThreadCpuClock.Milliseconds() is { } cpu)
        {
            var spent = cpu - start - budget.Given;
            budget.Deadline = Math.Min(budget.Started + (budget.TimeBudget * WallTimesBudget) + budget.Given, now + budget.TimeBudget - spent);
        }
    }

    /// <summary>
    /// This thread's JIT compilation so far, in TimeSpan ticks, and the process's collector pauses where the thread's CPU
    /// time is unknown: a thread stopped by the collector uses no CPU, so with a CPU clock the pauses are not charged
    /// anyway, and giving them back too would let a rule run on for every collection other threads cause.
    /// </summary>
    private static long Stalled() =>
        System.Runtime.JitInfo.GetCompilationTime(currentThread: true).Ticks + (ThreadCpuClock.Available ? 0 : GC.GetTotalPauseDuration().Ticks);
}
