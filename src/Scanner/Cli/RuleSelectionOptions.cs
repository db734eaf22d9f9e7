using System.CommandLine;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// The flags of every verb that runs rules (scan, check, serve, worker, rules test): which rules run.
/// They narrow what guardrails.yaml's rules: leaves on; <c>--rule</c> also turns back on a rule the file turned off.
/// </summary>
internal sealed class RuleSelectionOptions
{
    private readonly Option<string[]> _only = new("--rule") { Description = "Run only these rules: ids or patterns such as tagging-* (repeatable, or comma-separated); a rule guardrails.yaml turns off runs when named here", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _skip = new("--skip-rule") { Description = "Do not run these rules: ids or patterns such as quotas-* (repeatable, or comma-separated)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _families = new("--family") { Description = $"Run only the rules of these families: {string.Join(", ", RuleHeader.Families)} (repeatable, or comma-separated)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _minimumSeverity = new("--min-severity") { Description = "Run only the rules that report at this severity or above (after guardrails.yaml's severity overrides): critical, high, medium, low or info" };

    public RuleSelectionOptions() => _minimumSeverity.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info");

    public void AddTo(Command command)
    {
        command.Options.Add(_only);
        command.Options.Add(_skip);
        command.Options.Add(_families);
        command.Options.Add(_minimumSeverity);
    }

    public RuleFilter Read(ParseResult parse) => new()
    {
        Only = List(parse.GetValue(_only)),
        Skip = List(parse.GetValue(_skip)),
        Families = List(parse.GetValue(_families)),
        MinimumSeverity = parse.GetValue(_minimumSeverity) is { } severity ? Enum.Parse<Severity>(severity, ignoreCase: true) : null,
    };

    /// <summary>
    /// The rules that run, or null after writing every problem to <paramref name="error"/>: entries of rules: that
    /// fit no rule, parameters a rule does not declare or values it does not accept, flags that name nothing.
    /// </summary>
    public static RuleCatalog? Select(GuardrailsConfig? config, RuleCatalog catalog, RuleFilter filter, TextWriter error)
    {
        try
        {
            return config is null ? RuleSelection.Apply(catalog, [], filter) : config.SelectRules(catalog, filter);
        }
        catch (ConfigException ex)
        {
            error.WriteLine($"error: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            foreach (var line in ex.Message.Split(Environment.NewLine))
            {
                error.WriteLine($"error: {line}");
            }
        }
        return null;
    }

    private static string[] List(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
