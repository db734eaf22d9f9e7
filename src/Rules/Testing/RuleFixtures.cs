using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Testing;

/// <summary>
/// Runs the named cases of a rule's <c>&lt;rule-id&gt;.tests.json</c>: each case is a configuration item
/// (pasteable from AWS) and the verdict the rule must give it. The same runner serves
/// <c>guardrails rules test</c> and the test suite.
/// </summary>
/// <remarks>
/// Format: <c>{ "estate"?: {customers: [{id, name, accounts}], platform: [..]}, "params"?: {..}, "now"?: ISO time,
/// "inventory"?: [items], "cases": [ { "name", "expect": "pass|fail|skip", "resource": item,
/// "messageContains"?: text, "evidenceContains"?: text (in the evidence as findings carry it, JSON),
/// "params"?: {..}, "inventory"?: [items], "network"?: {..}, "organization"?: .. } ],
/// "network"?: {ACCOUNT: {REGION: {command: AWS CLI output}}}, "organization"?: .. }</c>
/// (<see cref="NetworkFixture"/>, <see cref="OrganizationFixture"/>).
/// </remarks>
public static class RuleFixtures
{
    /// <summary>The estate cases run in unless they name their own: two customers and a platform account.</summary>
    public static readonly Estate DefaultEstate = new(
        [new Customer("acme", "Acme Foods", ["111111111111", "222222222222"]), new Customer("globex", "Globex Retail", ["333333333333"])],
        ["999999999999"],
        ["eu-west-1"]);

    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<RuleFixtureResult> Run(RuleCatalog catalog, string ruleId, string fixtureJson)
    {
        var ruleIndex = catalog.Rules.ToList().FindIndex(r => r.Id == ruleId);
        if (ruleIndex < 0)
        {
            throw new ArgumentException($"no rule '{ruleId}' in the catalog", nameof(ruleId));
        }
        using var document = JsonDocument.Parse(fixtureJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var estate = JsonPath.Find(root, "estate") is { } e ? ReadEstate(e) : DefaultEstate;
        var now = JsonPath.Find(root, "now") is { ValueKind: JsonValueKind.String } n
            ? DateTimeOffset.Parse(n.GetString()!, CultureInfo.InvariantCulture)
            : DefaultNow;
        var shared = Items(JsonPath.Find(root, "inventory"));
        var results = new List<RuleFixtureResult>();
        if (JsonPath.Find(root, "cases") is not { ValueKind: JsonValueKind.Array } cases)
        {
            throw new FormatException("a rule fixture needs a \"cases\" array");
        }
        foreach (var testCase in cases.EnumerateArray())
        {
            results.Add(RunCase(catalog, ruleIndex, ruleId, testCase, root, estate, shared, now));
        }
        return results;
    }

    private static RuleFixtureResult RunCase(
        RuleCatalog catalog, int ruleIndex, string ruleId, JsonElement testCase, JsonElement root,
        Estate estate, List<Resource> shared, DateTimeOffset now)
    {
        var name = JsonPath.Find(testCase, "name")?.GetString() ?? "(unnamed)";
        var expectText = JsonPath.Find(testCase, "expect")?.GetString() ?? "";
        if (!Enum.TryParse<Verdict>(expectText, ignoreCase: true, out var expected) || expected is not (Verdict.Pass or Verdict.Fail or Verdict.Skip or Verdict.NotAssessed))
        {
            return new RuleFixtureResult(ruleId, name, Verdict.Error, default, $"\"expect\" must be pass, fail, skip or notAssessed, not '{expectText}'");
        }
        var resource = ConfigurationItems.ToResource(JsonPath.Find(testCase, "resource") ?? throw new FormatException($"case '{name}' has no resource"));
        var inventory = new Inventory(shared.Concat(Items(JsonPath.Find(testCase, "inventory"))).Append(resource));
        var parameters = new RuleParams((JsonPath.Find(testCase, "params") ?? JsonPath.Find(root, "params") ?? EmptyObject()).Clone());
        var declared = catalog.Rules[ruleIndex].Header.Parameters;
        foreach (var (parameter, value) in parameters.SetValues)
        {
            // A case sets what guardrails.yaml could: a parameter the rule does not declare would test nothing real.
            var invalid = declared.FirstOrDefault(p => p.Name == parameter) is { } declaration
                ? declaration.Check(value)
                : $"is not a parameter of {ruleId} (declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Select(p => p.Name)))})";
            if (invalid is not null)
            {
                return new RuleFixtureResult(ruleId, name, expected, default, $"\"params\": {parameter} {invalid}");
            }
        }
        var network = NetworkFixture.Read(JsonPath.Find(root, "network"), JsonPath.Find(testCase, "network"), estate);
        var organization = OrganizationFixture.Read(JsonPath.Find(testCase, "organization") ?? JsonPath.Find(root, "organization"));
        var evaluator = new Evaluator(catalog, estate, inventory, _ => parameters, now, organization: organization, network: network,
            // The graph spans every account of the case's inventory, as a scan's spans the estate.
            graph: PrincipalGraphBuilder.FromResources(inventory.All, estate, now));
        var actual = evaluator.Evaluate(ruleIndex, resource);
        string? problem = null;
        if (actual.Verdict != expected)
        {
            problem = $"expected {expected}, got {actual.Verdict}: {actual.Message}";
        }
        else if (JsonPath.Find(testCase, "messageContains")?.GetString() is { } fragment && !actual.Message.Contains(fragment, StringComparison.Ordinal))
        {
            problem = $"the message does not contain '{fragment}': {actual.Message}";
        }
        else if (JsonPath.Find(testCase, "evidenceContains")?.GetString() is { } part && actual.Evidence?.ToJson() is var evidence && evidence?.Contains(part, StringComparison.Ordinal) != true)
        {
            problem = $"the evidence does not contain '{part}': {evidence ?? "(none)"}";
        }
        return new RuleFixtureResult(ruleId, name, expected, actual, problem);
    }

    private static List<Resource> Items(JsonElement? items) =>
        items is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(ConfigurationItems.ToResource).ToList() : [];

    private static Estate ReadEstate(JsonElement estate)
    {
        var customers = (JsonPath.Find(estate, "customers")?.EnumerateArray() ?? default)
            .Select(c => new Customer(
                JsonPath.Find(c, "id")?.GetString() ?? "",
                JsonPath.Find(c, "name")?.GetString() ?? "",
                (JsonPath.Find(c, "accounts")?.EnumerateArray() ?? default).Select(a => a.GetString()!).ToArray()))
            .ToArray();
        var platform = (JsonPath.Find(estate, "platform")?.EnumerateArray() ?? default).Select(a => a.GetString()!).ToArray();
        return new Estate(customers, platform, ["eu-west-1"]);
    }

    private static JsonElement EmptyObject() => JsonDocument.Parse("{}").RootElement;
}
