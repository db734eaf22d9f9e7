using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// The escalation catalogue stays current: every method of the bundled upstream lists (Rhino Security
/// Labs' CSV, pathfinding.cloud's index, copied into tests/data/real/privesc-methods) is in it with the same
/// permissions, so refreshing them with a newer upstream list fails here until the catalogue has the new methods.
/// </summary>
public sealed class EscalationCatalogueCurrencyTests
{
    // sts:AssumeRole alone escalates only through the target role's trust policy, a fact about the
    // target that one principal's permissions cannot show (see EscalationMethodTable).
    private static readonly string[] LeftOutOnPurpose = ["sts-001"];

    [Fact]
    public void EveryPathfindingPathIsInTheCatalogueWithItsPermissions()
    {
        var missing = Rows("pathfinding-cloud-index.csv")
            .Where(r => !LeftOutOnPurpose.Contains(r[0]))
            .Where(r => !Has(r[0], r[3]))
            .Select(r => $"{r[0]} ({r[3]})")
            .ToList();

        Assert.True(missing.Count == 0, $"pathfinding.cloud paths missing from EscalationMethodTable: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryRhinoMethodIsInTheCatalogueWithItsPermissions()
    {
        var rows = Rows("rhinosecuritylabs-privesc-methods.csv").ToList();
        var missing = rows.Where(r => !Has($"rhino-{r[0]}", r[^1])).Select(r => $"#{r[0]} {r[1]}").ToList();

        Assert.Equal(28, rows.Count);
        Assert.True(missing.Count == 0, $"Rhino methods missing from EscalationMethodTable: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheAgentCorePathsProwlerAddedIn2025AreInTheCatalogue()
    {
        var ids = PrivilegeEscalation.Methods.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        string[] agentCore =
        [
            "prowler-agentcore-invoke-runtime-command", "prowler-agentcore-passrole-create-runtime", "prowler-agentcore-passrole-create-harness",
            "prowler-agentcore-browser-session-connect", "prowler-agentcore-passrole-create-browser",
        ];

        Assert.All(agentCore, id => Assert.Contains(id, ids));
    }

    private static bool Has(string id, string permissions)
    {
        // Rhino marks some permissions "(possibly)": not needed in every case, so not required by the table.
        var wanted = permissions.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.EndsWith("(possibly)", StringComparison.Ordinal)).Order(StringComparer.OrdinalIgnoreCase);
        return PrivilegeEscalation.Methods.Any(m => m.Id == id
            && m.Permissions.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The rows of a bundled CSV, header skipped; only titles are quoted, so the first and last fields split cleanly.</summary>
    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Fixtures.Real("privesc-methods", file)).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(','));
}
