using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Waivers;
using YamlDotNet.Core;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// guardrails.yaml: the estate, how to reach it, the rules' parameters and waivers, and for the
/// engine where history lives, when each customer is audited and who may reach the dashboard.
/// </summary>
internal sealed class GuardrailsConfig
{
    public required Estate Estate { get; init; }
    public required string RoleName { get; init; }
    public string? ExternalId { get; init; }
    /// <summary>How to reach the estate: role, external ids, rate limits, retries, concurrency, aggregator.</summary>
    public AwsSettings Aws { get; init; } = new();
    /// <summary>rules: which rules run, at what severity, with which parameters.</summary>
    public RuleSettings Rules { get; init; } = RuleSettings.None;
    /// <summary>Where the AWS organisation is read from, and as which role; null when it is not read.</summary>
    public OrganizationSettings? Organization { get; init; }
    public required string SourcePath { get; init; }
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];
    /// <summary>
    /// A hash of the settings read, which every part of a scan checks: workers judging one scan with
    /// different rule parameters or waivers would give findings that depend on who ran what.
    /// </summary>
    public string ContentHash { get; init; } = "";
    public StorageSettings Storage { get; init; } = new();
    /// <summary>By customer id, plus "default" when given; see <see cref="ScheduleFor"/>.</summary>
    public IReadOnlyDictionary<string, ScheduleSettings> Schedules { get; init; } = new Dictionary<string, ScheduleSettings>();
    public DashboardSettings Dashboard { get; init; } = new();
    public NotificationSettings Notifications { get; init; } = new();
    public EngineSettings Engine { get; init; } = new();
    /// <summary>How much of any one input file is read (limits:).</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>The customer's (or the estate-wide audit's) own schedule, else the configured default, else nightly at 02:00 UTC.</summary>
    public ScheduleSettings ScheduleFor(string customerId) =>
        Schedules.GetValueOrDefault(customerId) ?? Schedules.GetValueOrDefault(ScheduleSettings.DefaultKey) ?? ScheduleSettings.Nightly;

    public RuleParams ParamsFor(string ruleId) => Rules.ParamsFor(ruleId);

    /// <summary>
    /// The rules of <paramref name="catalog"/> that run, after rules: of this file and the command line's flags.
    /// </summary>
    /// <exception cref="ConfigException">Entries of rules: that do not fit the catalog, every one of them.</exception>
    /// <exception cref="ArgumentException">Flags that name no rule or family, every one of them.</exception>
    public RuleCatalog SelectRules(RuleCatalog catalog, RuleFilter filter) =>
        Rules.Check(catalog) is { Count: > 0 } errors
            ? throw new ConfigException(SourcePath, errors)
            : RuleSelection.Apply(catalog, Rules.Switches, filter);

    /// <summary>The accounts a scan of one customer covers (that customer's), or of the whole estate when null.</summary>
    public HashSet<string> ScannedAccounts(string? customer) =>
        (customer is null ? Estate.Accounts : Estate.Customers.First(c => c.Id == customer).Accounts)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Reads and validates the file; every problem is listed at once in a <see cref="ConfigException"/>. The file is
    /// read within the default <see cref="InputLimits"/> (its own <c>limits:</c> apply to what it points at): only a
    /// regular file, valid UTF-8, bounded in size, depth and aliases.
    /// </summary>
    public static GuardrailsConfig Load(string path)
    {
        JsonNode? root;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(InputFile.ReadText(path, null, InputLimits.Default));
            root = new BoundedYaml(InputLimits.Default).Read(text);
        }
        catch (InputFileException ex)
        {
            throw new ConfigException(path, [ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message]);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException or YamlException)
        {
            throw new ConfigException(path, [ex.Message]);
        }
        if (root is not null and not JsonObject)
        {
            throw new ConfigException(path, ["the file must be a YAML mapping (estate:, aws:, rules:, ...)"]);
        }
        return FromJson(root as JsonObject ?? [], path);
    }

    /// <summary>The sections guardrails.yaml may have: a misspelt one would otherwise be ignored without a word.</summary>
    private static readonly string[] Sections = ["estate", "aws", "organization", "rules", "waivers", "storage", "schedules", "dashboard", "engine", "limits", "notifications"];

    private static readonly string[] Mappings = ["aws", "rules", "storage", "schedules", "dashboard", "engine"];

    public static GuardrailsConfig FromJson(JsonObject root, string path)
    {
        var errors = new List<string>();
        ConfigValues.KnownKeys(root, "guardrails.yaml", errors, Sections);
        var estateRead = EstateSection.Read(root["estate"], errors);
        var customers = estateRead.Customers.ToList();
        var limits = InputLimits.FromJson(root["limits"], errors);
        foreach (var section in Mappings.Where(s => root[s] is not null and not JsonObject))
        {
            // Read as "not given" otherwise: storage: "postgres" would quietly mean SQLite.
            errors.Add($"{section}: must be a mapping (key: value)");
        }
        var rules = RuleSettings.Read(root["rules"], errors);
        var aws = AwsSettings.FromJson(root["aws"] as JsonObject, customers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), errors);
        var organization = OrganizationSettings.Read(root["organization"], aws, errors);
        var waivers = WaiverSection.Read(root["waivers"], errors);
        var storage = SettingsSections.Storage(root["storage"], errors);
        var schedules = SettingsSections.Schedules(root["schedules"], customers.Select(c => c.Id).ToList(), errors);
        var dashboard = DashboardSection.Read(root["dashboard"], customers.Select(c => c.Id).ToList(), errors);
        var engine = SettingsSections.Engine(root["engine"], errors);
        var notifications = NotificationSettings.Read(root["notifications"], customers.Select(c => c.Id).ToList(), errors);
        if (errors.Count > 0)
        {
            throw new ConfigException(path, errors);
        }
        return new GuardrailsConfig
        {
            Estate = estateRead,
            Limits = limits,
            RoleName = aws.RoleName,
            ExternalId = aws.ExternalId,
            Aws = aws,
            Rules = rules,
            Organization = organization,
            SourcePath = path,
            Waivers = waivers,
            Storage = storage,
            Schedules = schedules,
            Dashboard = dashboard,
            Notifications = notifications,
            Engine = engine,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()))),
        };
    }
}
