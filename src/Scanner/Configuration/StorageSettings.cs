namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Where findings history and Hangfire's jobs live. No PostgreSQL connection string: SQLite files in
/// the state folder (nothing to install, one machine). With one: PostgreSQL for both, which is what
/// lets workers on other machines join. The password belongs in PGPASSWORD or ~/.pgpass, which
/// Npgsql reads, not in guardrails.yaml.
/// </summary>
internal sealed record StorageSettings
{
    /// <summary>A year of nightly scans: enough for a trend and an annual review, small enough for SQLite.</summary>
    public const int DefaultRetentionDays = 400;

    public string? Postgres { get; init; }

    /// <summary>Scans that finished longer ago are pruned; the newest scan of each scope is always kept.</summary>
    public int RetentionDays { get; init; } = DefaultRetentionDays;
}
