using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules new FAMILY RULE-ID</c>: a rule and its fixture from a template that compiles and passes.</summary>
internal static class RulesNewCommand
{
    public static Command Create()
    {
        var family = new Argument<string>("family") { Description = "tagging, segregation, iam or quotas" };
        family.AcceptOnlyFromAmong([.. RuleHeader.Families]);
        var id = new Argument<string>("rule-id") { Description = "lower-kebab-case, family first, e.g. tagging-owner-is-team" };
        var catalog = new Option<string?>("--catalog") { Description = "The catalog folder (default: ./rules-catalog)" };
        var command = new Command("new", "Write rules-catalog/<family>/<rule-id>.csx and its .tests.json from a template that compiles and passes; then edit both and run `guardrails rules test`.") { family, id, catalog };
        command.SetAction(parse => Run(parse.GetValue(family)!, parse.GetValue(id)!, parse.GetValue(catalog) ?? RuleCatalogFiles.DefaultCatalog()));
        return command;
    }

    public static int Run(string family, string id, string catalog)
    {
        if (!id.StartsWith(family + "-", StringComparison.Ordinal) || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]+(-[a-z0-9]+)+$"))
        {
            Console.Error.WriteLine($"error: the id must be lower-kebab-case and start with its family: {family}-...");
            return ExitCodes.UsageError;
        }
        var folder = Path.Combine(catalog, family);
        var rule = Path.Combine(folder, id + ".csx");
        var fixture = Path.Combine(folder, id + ".tests.json");
        if (File.Exists(rule) || File.Exists(fixture))
        {
            Console.Error.WriteLine($"error: {rule} or its fixture exists already; pick another id");
            return ExitCodes.UsageError;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(rule, RuleTemplate.Script(id));
        File.WriteAllText(fixture, RuleTemplate.Fixture());
        Console.WriteLine($"Wrote {rule}");
        Console.WriteLine($"Wrote {fixture}");
        Console.WriteLine($"Next: edit both, then run `guardrails rules test {folder}` (add --watch to rerun on save).");
        return ExitCodes.Ok;
    }
}
