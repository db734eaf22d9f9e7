using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules lint</c>: checks every header without compiling or running anything.</summary>
internal static class RulesLintCommand
{
    public static Command Create()
    {
        var paths = RulesCommand.PathsArgument();
        var command = new Command("lint", "Check rule headers without running anything: known keys, severity, id = file name and family, a title that states the compliant state, a remediation, collected resource types.") { paths };
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
        foreach (var problem in problems)
        {
            Console.WriteLine(problem);
        }
        Console.WriteLine($"{sources.Count} rules checked, {problems.Count} problem(s)");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
