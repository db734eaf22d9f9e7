using System.Text.Json.Nodes;
using Cronos;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>Reads the storage, schedules and engine sections of guardrails.yaml, every mistake listed.</summary>
internal static class SettingsSections
{
    public static StorageSettings Storage(JsonNode? node, List<string> errors)
    {
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "storage", errors, "postgres", "retentionDays");
        var postgres = ConfigValues.Text(section?["postgres"]);
        if (postgres is not null && !postgres.Contains('=', StringComparison.Ordinal))
        {
            errors.Add("storage.postgres: not a connection string (Host=...;Database=...;Username=...)");
        }
        return new StorageSettings
        {
            Postgres = string.IsNullOrWhiteSpace(postgres) ? null : postgres,
            RetentionDays = ConfigValues.Integer(section?["retentionDays"], "storage.retentionDays", 1, errors) ?? StorageSettings.DefaultRetentionDays,
        };
    }

    /// <summary><c>schedules: { default: {cron, timeZone}, &lt;customer-id&gt;: {cron, timeZone} }</c>; the default's default is nightly at 02:00 UTC.</summary>
    public static Dictionary<string, ScheduleSettings> Schedules(JsonNode? node, IReadOnlyCollection<string> customers, List<string> errors)
    {
        var schedules = new Dictionary<string, ScheduleSettings>(StringComparer.Ordinal);
        foreach (var (key, value) in node as JsonObject ?? [])
        {
            var path = $"schedules.{key}";
            if (key is not (ScheduleSettings.DefaultKey or ScheduleSettings.EstateKey) && !customers.Contains(key))
            {
                errors.Add($"{path}: no customer '{key}' in estate.customers (use 'default' for every customer, 'estate' for the estate-wide audit)");
            }
            var section = value as JsonObject;
            ConfigValues.KnownKeys(section, path, errors, "cron", "timeZone");
            var cron = ConfigValues.Text(section?["cron"]);
            var zone = ConfigValues.Text(section?["timeZone"]) ?? ScheduleSettings.Nightly.TimeZone;
            if (cron is null)
            {
                errors.Add($"{path}.cron: missing (e.g. \"0 2 * * *\" for 02:00 every day)");
            }
            else if (!IsCron(cron))
            {
                errors.Add($"{path}.cron: '{cron}' is not a cron expression (minute hour day month weekday, optionally seconds first)");
            }
            if (!IsTimeZone(zone))
            {
                errors.Add($"{path}.timeZone: '{zone}' is not a time zone of this machine (an IANA name such as Europe/London)");
            }
            schedules[key] = new ScheduleSettings(cron ?? "", zone);
        }
        return schedules;
    }

    public static EngineSettings Engine(JsonNode? node, List<string> errors)
    {
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "engine", errors, "workers", "invisibilityTimeout", "queuePollInterval", "schedulePollInterval", "ruleTimeout", "ruleMemoryMegabytes");
        var defaults = new EngineSettings();
        return new EngineSettings
        {
            Workers = ConfigValues.Integer(section?["workers"], "engine.workers", 1, errors) ?? defaults.Workers,
            InvisibilityTimeout = ConfigValues.Duration(section?["invisibilityTimeout"], "engine.invisibilityTimeout", errors) ?? defaults.InvisibilityTimeout,
            QueuePollInterval = ConfigValues.Duration(section?["queuePollInterval"], "engine.queuePollInterval", errors) ?? defaults.QueuePollInterval,
            SchedulePollInterval = ConfigValues.Duration(section?["schedulePollInterval"], "engine.schedulePollInterval", errors) ?? defaults.SchedulePollInterval,
            RuleTimeout = ConfigValues.Duration(section?["ruleTimeout"], "engine.ruleTimeout", errors) ?? defaults.RuleTimeout,
            RuleMemoryMegabytes = ConfigValues.Integer(section?["ruleMemoryMegabytes"], "engine.ruleMemoryMegabytes", 1, errors) ?? defaults.RuleMemoryMegabytes,
        };
    }

    private static bool IsCron(string cron)
    {
        try
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    private static bool IsTimeZone(string zone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
