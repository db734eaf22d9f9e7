namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The vocabulary of a grocery retailer's estate, for resource names that read like real ones.</summary>
internal static class Names
{
    public static readonly string[] Applications =
    [
        "orders", "inventory", "pricing", "picking", "fulfilment", "loyalty", "payments", "catalogue", "delivery-slots",
        "substitutions", "promotions", "forecasting", "returns", "search", "recommendations", "store-ops", "supplier-portal",
        "checkout", "customer-care", "routing",
    ];

    public static readonly string[] BucketPurposes =
        ["exports", "archive", "ingest", "reports", "assets", "backups", "audit-logs", "images", "feeds", "artifacts", "data-lake"];

    public static readonly string[] QueuePurposes =
        ["events", "commands", "retries", "dead-letter", "notifications", "imports", "webhooks", "updates"];

    public static readonly string[] FunctionPurposes =
        ["handler", "processor", "sync", "scheduler", "validator", "enricher", "notifier", "exporter", "resizer", "auth"];

    public static readonly string[] TablePurposes = ["state", "sessions", "events", "snapshots", "idempotency", "locks", "cache"];

    public static readonly string[] InstanceRoles = ["api", "worker", "batch", "web", "bastion", "etl", "cache"];

    public static readonly string[] InstanceTypes = ["t3.medium", "t3.large", "m6i.large", "m6i.xlarge", "c6i.large", "r6i.large", "m7g.large"];

    public static readonly string[] DbClasses = ["db.t4g.medium", "db.r6g.large", "db.r6g.xlarge", "db.m6g.large"];

    public static readonly string[] Runtimes = ["python3.12", "python3.13", "nodejs20.x", "nodejs22.x", "java21", "provided.al2023"];

    public static readonly string[] Vendors = ["datadog", "snowflake", "fivetran", "pagerduty", "splunk", "sumologic"];

    /// <summary>Short forms AWS readers know from console names: euw1, euc1.</summary>
    public static string RegionShort(string region) => region switch
    {
        "eu-west-1" => "euw1",
        "eu-central-1" => "euc1",
        _ => region.Replace("-", ""),
    };
}
