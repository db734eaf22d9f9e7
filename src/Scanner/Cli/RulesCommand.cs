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

    /// <summary>
    /// Compiles the rule files, or prints the problem and returns null with its exit code: a rule that does not compile
    /// (each error with its file, line and column) is a rule load error, a path that does not exist a usage error.
    /// </summary>
    public static RuleCatalog? Load(string[] paths, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        try
        {
            return RuleCatalogFiles.Load(paths);
        }
        catch (RuleLoadException ex)
        {
            Console.Error.WriteLine(ex.Message);
            exitCode = ExitCodes.RuleLoadError;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            exitCode = ExitCodes.UsageError;
        }
        return null;
    }
}
