namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Hangfire's timings. The defaults suit production on PostgreSQL; tests shorten them. Measured with
/// Hangfire.PostgreSql 1.21.1: its own defaults (30 min invisibility, sliding off, 15 s polling) leave
/// a killed worker's job unseen for half an hour, and a short timeout without sliding runs a long
/// job several times at once. Sliding invisibility keeps a live job invisible however long it runs,
/// so the timeout only bounds how late a dead worker's job is picked up again.
/// </summary>
internal sealed record EngineSettings
{
    /// <summary>Parts are CPU-bound (rule evaluation); more workers than cores only adds contention.</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How late a job of a worker that died is run again elsewhere.</summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>With long polling (LISTEN/NOTIFY on PostgreSQL) this is only the fallback; pickup takes ~0.2 s.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one rule may take on one resource before its verdict is Error. A loaded machine
    /// (a CI box shared with other jobs) may need more, or timeouts turn into findings.
    /// </summary>
    public TimeSpan RuleTimeout { get; init; } = Rules.Engine.Evaluator.DefaultBudget;

    /// <summary>How many megabytes one rule may allocate on one resource before its verdict is Error (docs/sandbox.md).</summary>
    public int RuleMemoryMegabytes { get; init; } = (int)(Rules.Engine.Evaluator.DefaultAllocationBudget / (1024 * 1024));

    /// <summary>How often a server checks for recurring jobs that are due and for delayed jobs; Hangfire's default.</summary>
    public TimeSpan SchedulePollInterval { get; init; } = TimeSpan.FromSeconds(15);
}
