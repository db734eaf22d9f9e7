using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules</c>: the rule author's loop — new, lint, test, list.</summary>
internal static class RulesCommand
{
    public static Command Create() => new("rules", "Write, check, test and list rules (C# scripts in rules-catalog/<family>/<rule-id>.csx).")
    {
        RulesTestCommand.Create(),
        RulesLintCommand.Create(),
        RulesNewCommand.Create(),
        RulesListCommand.Create(),
    };

    /// <summary>The rule files or folders an author named, else the catalog.</summary>
    public static Argument<string[]> PathsArgument() => new("paths")
    {
        Description = "Rule files or folders (default: ./rules-catalog)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static string[] Paths(string[]? given) => given is { Length: > 0 } ? given : [RuleCatalogFiles.DefaultCatalog()];

    /// <summary>Compiles, or prints the errors (file, line, column) and returns null.</summary>
    public static RuleCatalog? Load(string[] paths)
    {
        try
        {
            return RuleCatalogFiles.Load(paths);
        }
        catch (RuleLoadException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }
}
