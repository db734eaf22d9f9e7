using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Estates;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// The <c>estate:</c> section: customers, their accounts, the platform's accounts and the regions. Every
/// mistake is listed, because each one decides whose report a resource lands in: a customer whose
/// <c>accounts</c> is a mapping owned nothing, two customers with one id shared a report, and an account
/// both platform and customer was trusted by every customer (issue 13).
/// </summary>
internal static partial class EstateSection
{
    public static Estate Read(JsonNode? node, List<string> errors)
    {
        if (node is not JsonObject estate)
        {
            errors.Add(node is null
                ? "estate: missing (it lists the customers and their accounts)"
                : "estate: must be a mapping (customers, platform, regions)");
            return new Estate([], [], ["us-east-1"]);
        }
        ConfigValues.KnownKeys(estate, "estate", errors, "customers", "platform", "regions");
        var customers = Customers(estate["customers"], errors);
        var platform = new List<string>();
        if (estate["platform"] is { } platformNode)
        {
            var section = platformNode as JsonObject;
            if (section is null)
            {
                errors.Add("estate.platform: must be a mapping (accounts: [...])");
            }
            ConfigValues.KnownKeys(section, "estate.platform", errors, "accounts");
            platform = Accounts(section?["accounts"], "estate.platform.accounts", errors).Distinct(StringComparer.Ordinal).ToList();
        }
        foreach (var account in platform)
        {
            if (customers.FirstOrDefault(c => c.Accounts.Contains(account)) is { } owner)
            {
                errors.Add($"estate.platform.accounts: {account} is also customer '{owner.Id}''s: a platform account may reach every customer, a customer's may not");
            }
        }
        var regions = new List<string>();
        if (estate["regions"] is { } regionNode)
        {
            regions = List(regionNode, "estate.regions", errors);
            foreach (var region in regions.Where(r => !Region().IsMatch(r)))
            {
                errors.Add($"estate.regions: '{region}' is not an AWS region name (eu-west-1, us-gov-west-1)");
            }
        }
        return new Estate(customers, platform, regions.Count > 0 ? regions : ["us-east-1"]);
    }

    private static List<Customer> Customers(JsonNode? node, List<string> errors)
    {
        var customers = new List<Customer>();
        if (node is not null and not JsonArray)
        {
            errors.Add("estate.customers: must be a list of customers (- id: ..., name: ..., accounts: [...])");
        }
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (node as JsonArray ?? []).Select((n, i) => (n, i)))
        {
            var path = $"estate.customers[{index}]";
            if (entry is not JsonObject customer)
            {
                errors.Add($"{path}: must be a mapping (id, name, accounts)");
                continue;
            }
            ConfigValues.KnownKeys(customer, path, errors, "id", "name", "accounts");
            var id = customer["id"] is JsonValue idValue ? idValue.ToString() : "";
            var name = customer["name"] is JsonValue nameValue ? nameValue.ToString() : id;
            if (customer["name"] is JsonObject or JsonArray)
            {
                errors.Add($"{path}.name: must be text");
            }
            if (!KebabId().IsMatch(id))
            {
                errors.Add($"{path}.id: '{id}' must be lower-kebab-case (it names reports and URLs)");
            }
            else if (id is ScheduleSettings.DefaultKey or ScheduleSettings.EstateKey)
            {
                errors.Add($"{path}.id: '{id}' is reserved (schedules.{id} is the schedule of {(id == ScheduleSettings.EstateKey ? "the estate-wide audit" : "every customer")})");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{path}.id: '{id}' is given to another customer too: their reports would be one");
            }
            var accounts = Accounts(customer["accounts"], $"{path}.accounts", errors);
            foreach (var account in accounts.Where(a => AccountId().IsMatch(a)))
            {
                if (owners.TryGetValue(account, out var owner))
                {
                    errors.Add($"{path}.accounts: {account} already belongs to customer '{owner}'");
                }
                owners[account] = id;
            }
            customers.Add(new Customer(id, name, accounts));
        }
        if (node is null or JsonArray { Count: 0 })
        {
            errors.Add("estate.customers: no customers are listed");
        }
        return customers;
    }

    /// <summary>Account ids: a list of 12-digit strings (one id alone is taken as a list of one).</summary>
    private static List<string> Accounts(JsonNode? node, string path, List<string> errors)
    {
        var accounts = List(node, path, errors);
        foreach (var account in accounts.Where(a => !AccountId().IsMatch(a)))
        {
            errors.Add($"{path}: '{account}' is not a 12-digit AWS account id (quote ids that start with 0)");
        }
        return accounts;
    }

    private static List<string> List(JsonNode? node, string path, List<string> errors)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonValue value:
                return [value.ToString()];
            case JsonArray list:
                var result = new List<string>();
                foreach (var (item, index) in list.Select((n, i) => (n, i)))
                {
                    if (item is JsonValue text)
                    {
                        result.Add(text.ToString());
                    }
                    else
                    {
                        errors.Add($"{path}[{index}]: must be text, not {(item is null ? "null" : item is JsonArray ? "a list" : "a mapping")}");
                    }
                }
                return result;
            default:
                errors.Add($"{path}: must be a list, not a mapping");
                return [];
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex AccountId();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$")]
    private static partial Regex Region();
}
