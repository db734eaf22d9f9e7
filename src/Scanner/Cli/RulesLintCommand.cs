using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules lint</c>: checks every header, then compiles the rules (running none of them).</summary>
internal static class RulesLintCommand
{
    public static Command Create()
    {
        var paths = RulesCommand.PathsArgument();
        var command = new Command("lint", "Check rules without running them: known header keys, severity, id = file name and family, a title that states the compliant state, a remediation, collected resource types, declared parameters, no text left from the rules new template; then compile them. Warnings (a regex match timeout under a second) are printed but do not fail.") { paths };
        command.SetAction(parse => Run(RulesCommand.Paths(parse.GetValue(paths))));
        return command;
    }

    private static int Run(string[] paths)
    {
        IReadOnlyList<RuleSource> sources;
        try
        {
            sources = RuleCatalogFiles.Sources(paths);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        var problems = sources.SelectMany(s => RuleLinter.Lint(s, CollectedResourceTypes.All)).ToList();
        if (problems.Count == 0)
        {
            // Only a catalog whose headers are right is compiled: the compiler's errors then point into the bodies.
            try
            {
                RuleCatalogFiles.Load(paths);
            }
            catch (RuleLoadException ex)
            {
                problems.AddRange(ex.Errors);
            }
        }
        var warnings = sources.SelectMany(RuleLinter.Warnings).ToList();
        foreach (var line in problems.Concat(warnings))
        {
            Console.WriteLine(line);
        }
        Console.WriteLine($"{sources.Count} rules checked, {problems.Count} problem(s), {warnings.Count} warning(s)");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
