using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Waivers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// guardrails.yaml: the estate, how to reach it, the rules' parameters and waivers, and for the
/// engine where history lives, when each customer is audited and who may reach the dashboard.
/// </summary>
internal sealed partial class GuardrailsConfig
{
    public required Estate Estate { get; init; }
    public required string RoleName { get; init; }
    public string? ExternalId { get; init; }
    /// <summary>How to reach the estate: role, external ids, rate limits, retries, concurrency, aggregator.</summary>
    public AwsSettings Aws { get; init; } = new();
    public required IReadOnlyDictionary<string, JsonElement> RuleParameters { get; init; }
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

    /// <summary>The customer's own schedule, else the configured default, else nightly at 02:00 UTC.</summary>
    public ScheduleSettings ScheduleFor(string customerId) =>
        Schedules.GetValueOrDefault(customerId) ?? Schedules.GetValueOrDefault("default") ?? ScheduleSettings.Nightly;

    public RuleParams ParamsFor(string ruleId) =>
        RuleParameters.TryGetValue(ruleId, out var values) ? new RuleParams(values) : RuleParams.Empty;

    /// <summary>The accounts a scan of one customer covers (that customer's), or of the whole estate when null.</summary>
    public HashSet<string> ScannedAccounts(string? customer) =>
        (customer is null ? Estate.Accounts : Estate.Customers.First(c => c.Id == customer).Accounts)
        .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();

    /// <summary>Reads and validates the file; every problem is listed at once in a <see cref="ConfigException"/>.</summary>
    public static GuardrailsConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, ["the file does not exist"]);
        }
        JsonNode? root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }
            root = stream.Documents.Count == 0 ? null : YamlToJson.Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException ex)
        {
            throw new ConfigException(path, [$"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}"]);
        }
        return FromJson(root as JsonObject ?? [], path);
    }

    public static GuardrailsConfig FromJson(JsonObject root, string path)
    {
        var errors = new List<string>();
        var customers = new List<Customer>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var estate = root["estate"] as JsonObject;
        if (estate is null)
        {
            errors.Add("estate: missing (it lists the customers and their accounts)");
        }
        foreach (var (node, index) in (estate?["customers"] as JsonArray ?? []).Select((n, i) => (n, i)))
        {
            var id = node?["id"]?.ToString() ?? "";
            var name = node?["name"]?.ToString() ?? id;
            if (!KebabId().IsMatch(id))
            {
                errors.Add($"estate.customers[{index}].id: '{id}' must be lower-kebab-case (it names reports and URLs)");
            }
            var accounts = Strings(node?["accounts"]);
            foreach (var account in accounts)
            {
                if (!AccountId().IsMatch(account))
                {
                    errors.Add($"estate.customers[{index}].accounts: '{account}' is not a 12-digit AWS account id (quote ids that start with 0)");
                }
                else if (owners.TryGetValue(account, out var owner))
                {
                    errors.Add($"estate.customers[{index}].accounts: {account} already belongs to customer '{owner}'");
                }
                owners[account] = id;
            }
            customers.Add(new Customer(id, name, accounts));
        }
        if (estate is not null && customers.Count == 0)
        {
            errors.Add("estate.customers: no customers are listed");
        }
        var platform = Strings(estate?["platform"]?["accounts"]);
        errors.AddRange(platform.Where(a => !AccountId().IsMatch(a)).Select(a => $"estate.platform.accounts: '{a}' is not a 12-digit AWS account id"));
        var regions = Strings(estate?["regions"]);
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (ruleId, values) in root["rules"] as JsonObject ?? [])
        {
            if (values is not null and not JsonObject)
            {
                errors.Add($"rules.{ruleId}: parameters must be a mapping (key: value)");
                continue;
            }
            parameters[ruleId] = YamlToJson.ToElement(values ?? new JsonObject());
        }
        var aws = AwsSettings.FromJson(root["aws"] as JsonObject, customers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), errors);
        var waivers = WaiverSection.Read(root["waivers"], errors);
        var storage = SettingsSections.Storage(root["storage"], errors);
        var schedules = SettingsSections.Schedules(root["schedules"], customers.Select(c => c.Id).ToList(), errors);
        var dashboard = SettingsSections.Dashboard(root["dashboard"], errors);
        var engine = SettingsSections.Engine(root["engine"], errors);
        var notifications = NotificationSettings.Read(root["notifications"], customers.Select(c => c.Id).ToList(), errors);
        if (errors.Count > 0)
        {
            throw new ConfigException(path, errors);
        }
        return new GuardrailsConfig
        {
            Estate = new Estate(customers, platform, regions.Count > 0 ? regions : ["us-east-1"]),
            RoleName = aws.RoleName,
            ExternalId = aws.ExternalId,
            Aws = aws,
            RuleParameters = parameters,
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

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(n => n?.ToString() ?? "").ToList(),
        JsonValue value => [value.ToString()],
        _ => [],
    };
}
