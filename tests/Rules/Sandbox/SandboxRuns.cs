using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>Compiles and runs hostile rules the way a scan does, on a small estate of two customers.</summary>
internal static class SandboxRuns
{
    public const string HostilePath = "rules-catalog/tagging/tagging-hostile-rule.csx";

    public static readonly Estate Estate = new(
        [new Customer("acme", "Acme Foods", ["111111111111"]), new Customer("globex", "Globex Retail", ["222222222222"])],
        ["999999999999"],
        ["eu-west-1"]);

    /// <summary>Buckets of both customers: some tagged for every tagging rule, some missing an owner.</summary>
    public static IReadOnlyList<Resource> Resources() =>
    [
        Bucket("acme-data", "111111111111", owner: "team@acme.example"),
        Bucket("acme-logs", "111111111111", owner: null),
        Bucket("globex-data", "222222222222", owner: "team@globex.example"),
        Bucket("globex-logs", "222222222222", owner: null),
    ];

    public static RuleSource Hostile(string body) => new(HostilePath, Build.Header.Replace("tagging-test-rule", "tagging-hostile-rule", StringComparison.Ordinal) + body);

    /// <summary>Runs one hostile body alone on one acme bucket, with short budgets so that the suite stays quick.</summary>
    public static RuleResult RunAlone(string body)
    {
        var catalog = RuleCompiler.Compile([Hostile(body)]);
        var evaluator = new Evaluator(catalog, Estate, new Inventory(Resources()), _ => RuleParams.Empty, DateTimeOffset.UnixEpoch,
            TimeSpan.FromMilliseconds(500), allocationBudget: 64L * 1024 * 1024);
        return evaluator.Evaluate(0, Resources()[0]);
    }

    private static Resource Bucket(string name, string account, string? owner)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["customer"] = name.Split('-')[0], ["environment"] = "production", ["cost-centre"] = "CC-1234" };
        if (owner is not null)
        {
            tags["owner"] = owner;
        }
        return Build.Resource(accountId: account, name: name, tags: tags);
    }
}
