using System.Security.Cryptography;
using System.Text;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// One entry of <c>rules:</c> in guardrails.yaml that switches rules: an id or a pattern (<c>tagging-*</c>),
/// whether they run, and the severity they report with.
/// </summary>
public sealed record RuleSwitch(string Pattern, bool? Enabled, Severity? Severity);

/// <summary>
/// The rule flags of a command line: <c>--rule</c> and <c>--skip-rule</c> (ids or patterns),
/// <c>--family</c>, <c>--min-severity</c>.
/// </summary>
public sealed record RuleFilter
{
    public IReadOnlyList<string> Only { get; init; } = [];
    public IReadOnlyList<string> Skip { get; init; } = [];
    public IReadOnlyList<string> Families { get; init; } = [];
    public Severity? MinimumSeverity { get; init; }

    public static RuleFilter None { get; } = new();
}

/// <summary>
/// Which rules of a catalog run, at what severity, and why each other one does not. guardrails.yaml's
/// <c>rules:</c> entries apply first (an exact id over a pattern, a later pattern over an earlier one);
/// then the command line: <c>--rule</c> runs only what it names (and turns back on what the file turned off),
/// <c>--skip-rule</c>, <c>--family</c> and <c>--min-severity</c> (on the severity after the file's override) narrow it.
/// </summary>
public static class RuleSelection
{
    /// <summary>The catalog of the rules that run; its <see cref="RuleCatalog.Off"/> names the others and why.</summary>
    /// <exception cref="ArgumentException">A flag names a family that does not exist or a pattern that matches no rule.</exception>
    public static RuleCatalog Apply(RuleCatalog catalog, IReadOnlyList<RuleSwitch> switches, RuleFilter filter)
    {
        var errors = new List<string>();
        foreach (var (flag, patterns) in new[] { ("--rule", filter.Only), ("--skip-rule", filter.Skip) })
        {
            errors.AddRange(patterns.Where(p => !catalog.Rules.Any(r => Matches(p, r.Id)))
                .Select(p => $"{flag} {p}: matches no rule of the catalog (see guardrails rules list)"));
        }
        errors.AddRange(filter.Families.Where(f => !RuleHeader.Families.Contains(f))
            .Select(f => $"--family {f}: not a family; families: {string.Join(", ", RuleHeader.Families)}"));
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }

        var running = new List<Rule>();
        var off = new List<RuleOff>();
        foreach (var rule in catalog.Rules)
        {
            // An entry for the rule's own id decides over a pattern; among patterns, the last one written.
            RuleSwitch? Deciding(Func<RuleSwitch, bool> sets) =>
                switches.LastOrDefault(s => sets(s) && s.Pattern == rule.Id) ?? switches.LastOrDefault(s => sets(s) && Matches(s.Pattern, rule.Id));
            var disabledBy = Deciding(s => s.Enabled is not null) is { Enabled: false } entry ? entry.Pattern : null;
            var severity = Deciding(s => s.Severity is not null)?.Severity ?? rule.Header.Severity;
            var named = filter.Only.FirstOrDefault(p => Matches(p, rule.Id));
            string? reason =
                filter.Only.Count > 0 && named is null ? $"not named by --rule {string.Join(", ", filter.Only)}"
                : disabledBy is not null && named is null ? $"guardrails.yaml: rules: {disabledBy}: enabled: false"
                : filter.Skip.FirstOrDefault(p => Matches(p, rule.Id)) is { } skipped ? $"--skip-rule {skipped}"
                : filter.Families.Count > 0 && !filter.Families.Contains(rule.Family) ? $"--family {string.Join(",", filter.Families)}"
                : severity < filter.MinimumSeverity ? $"--min-severity {Name(filter.MinimumSeverity.Value)} (the rule reports {Name(severity)})"
                : null;
            if (reason is not null)
            {
                off.Add(new RuleOff(rule.Id, reason));
            }
            else
            {
                running.Add(severity == rule.Header.Severity ? rule : rule.WithSeverity(severity));
            }
        }
        if (off.Count == 0 && running.All(r => catalog.Rules.Contains(r)))
        {
            return catalog;
        }
        // Workers judging one scan compare catalog hashes: a different selection is a different catalog.
        var signature = string.Join("\n", running.Select(r => $"{r.Id}={r.Header.Severity}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(catalog.Hash + "\n" + signature)));
        return new RuleCatalog(running, hash, off);
    }

    /// <summary>Whether an id or a pattern (<c>*</c> any run of characters, <c>?</c> one) names a rule id.</summary>
    public static bool Matches(string pattern, string ruleId) =>
        pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)
            ? System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, ruleId, ignoreCase: false)
            : string.Equals(pattern, ruleId, StringComparison.Ordinal);

    /// <summary>Whether the text is a pattern rather than one rule's id.</summary>
    public static bool IsPattern(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
