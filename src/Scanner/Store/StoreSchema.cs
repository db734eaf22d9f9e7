namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The tables, in SQL that SQLite and PostgreSQL both accept. Times are Unix milliseconds (BIGINT),
/// which both compare and index alike. Names start with gr_ so that the tables sit beside
/// Hangfire's in one database without confusion.
/// </summary>
internal static class StoreSchema
{
    /// <summary>
    /// 2: gr_results keeps each finding's tags and evidence, so that reports read back from the store show them.
    /// 3: gr_scan_parts keeps each part's counts per account, rule and control (pass rates without passes kept).
    /// 4: gr_history counts each scope's completed scans, and gr_scan_parts keeps the count its rows' statuses were given against.
    /// 5: a gr_results row may name an earlier row of its part holding its tags or evidence (tags_of, evidence_of) instead of a copy.
    /// </summary>
    public const int Version = 5;

    public static readonly IReadOnlyList<string> Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS gr_scans (
          scan_id TEXT PRIMARY KEY, scope TEXT NOT NULL, request_key TEXT UNIQUE,
          catalog_hash TEXT NOT NULL, config_hash TEXT NOT NULL, accounts TEXT NOT NULL,
          started_at BIGINT NOT NULL, finished_at BIGINT,
          parts_total INTEGER NOT NULL, parts_pending INTEGER NOT NULL,
          new_count INTEGER, open_count INTEGER, resolved_count INTEGER, suppressed_count INTEGER)
        """,
        "CREATE INDEX IF NOT EXISTS gr_scans_scope ON gr_scans (scope, finished_at)",
        """
        CREATE TABLE IF NOT EXISTS gr_scan_parts (
          scan_id TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL,
          done INTEGER NOT NULL DEFAULT 0, resources INTEGER NOT NULL DEFAULT 0,
          evaluations TEXT, gaps TEXT, waivers TEXT, finished_at BIGINT, counts TEXT, history_mark BIGINT,
          PRIMARY KEY (scan_id, account_id, region))
        """,
        // One row per finding of a scan. Part columns say which part wrote it (resolved findings,
        // added when the scan completes, have empty ones); ordinal keeps a part's rows apart, since
        // (rule, ARN) repeats for an account-level NotAssessed recorded once per gap. tags_of and evidence_of: the
        // ordinal of the part's row that holds this row's tags or evidence, which this row then leaves NULL (ResultRows).
        """
        CREATE TABLE IF NOT EXISTS gr_results (
          scan_id TEXT NOT NULL, part_account TEXT NOT NULL, part_region TEXT NOT NULL, ordinal INTEGER NOT NULL,
          rule_id TEXT NOT NULL, resource_arn TEXT NOT NULL, family TEXT NOT NULL, severity TEXT NOT NULL,
          verdict TEXT NOT NULL, resource_type TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL,
          customer TEXT, message TEXT NOT NULL, status TEXT, first_seen BIGINT, tags TEXT, evidence TEXT, tags_of INTEGER, evidence_of INTEGER,
          PRIMARY KEY (scan_id, part_account, part_region, ordinal))
        """,
        "CREATE INDEX IF NOT EXISTS gr_results_identity ON gr_results (scan_id, rule_id, resource_arn)",
        // A finding's standing in a scope across scans: the history that statuses are computed from.
        """
        CREATE TABLE IF NOT EXISTS gr_findings (
          scope TEXT NOT NULL, rule_id TEXT NOT NULL, resource_arn TEXT NOT NULL,
          family TEXT NOT NULL, severity TEXT NOT NULL, resource_type TEXT NOT NULL,
          account_id TEXT NOT NULL, region TEXT NOT NULL, customer TEXT, message TEXT NOT NULL,
          first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, status TEXT NOT NULL, last_scan_id TEXT NOT NULL,
          PRIMARY KEY (scope, rule_id, resource_arn))
        """,
        // How many scans of a scope have completed: a part's rows given their statuses as it was saved
        // keep them at completion only if no scan of the scope completed in between (history_mark).
        "CREATE TABLE IF NOT EXISTS gr_history (scope TEXT PRIMARY KEY, completed BIGINT NOT NULL)",
        // Each quota's value and usage as a scan counted it, the series quota forecasts are made from;
        // measured_at is the account's collection time, so that one snapshot scanned twice is one measurement.
        """
        CREATE TABLE IF NOT EXISTS gr_quota_usage (
          scan_id TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, service_code TEXT NOT NULL,
          quota_code TEXT NOT NULL, quota_value DOUBLE PRECISION NOT NULL, usage_value DOUBLE PRECISION NOT NULL, measured_at BIGINT NOT NULL,
          PRIMARY KEY (scan_id, account_id, region, quota_code))
        """,
        "CREATE INDEX IF NOT EXISTS gr_quota_usage_account ON gr_quota_usage (account_id, measured_at)",
        // One row per (scan, notification channel), claimed before sending: a Finish job run twice
        // finds the row and sends nothing (at most once); status says delivered or failed.
        """
        CREATE TABLE IF NOT EXISTS gr_deliveries (
          scan_id TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
          error TEXT, claimed_at BIGINT NOT NULL, PRIMARY KEY (scan_id, channel))
        """,
        "CREATE TABLE IF NOT EXISTS gr_schema (version INTEGER NOT NULL)",
    ];

    /// <summary>The columns of gr_results in the order every writer and reader uses.</summary>
    public const string ResultColumns =
        "scan_id, part_account, part_region, ordinal, rule_id, resource_arn, family, severity, verdict, resource_type, account_id, region, customer, message, status, first_seen, tags, evidence, tags_of, evidence_of";

    /// <summary>What brings a store of an earlier version up to <see cref="Version"/>, by the version it starts from.</summary>
    public static readonly IReadOnlyDictionary<int, IReadOnlyList<string>> Upgrades = new Dictionary<int, IReadOnlyList<string>>
    {
        [1] = ["ALTER TABLE gr_results ADD COLUMN tags TEXT", "ALTER TABLE gr_results ADD COLUMN evidence TEXT"],
        [2] = ["ALTER TABLE gr_scan_parts ADD COLUMN counts TEXT"],
        [3] = ["ALTER TABLE gr_scan_parts ADD COLUMN history_mark BIGINT"],
        [4] = ["ALTER TABLE gr_results ADD COLUMN tags_of INTEGER", "ALTER TABLE gr_results ADD COLUMN evidence_of INTEGER"],
    };
}
