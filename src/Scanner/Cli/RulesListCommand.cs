using System.CommandLine;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules list</c>: id, family, severity, resource types, controls, parameters and what to tune.</summary>
internal static class RulesListCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var paths = RulesCommand.PathsArgument();
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "List the rules: id, family, severity, resource types, controls, and the parameters guardrails.yaml may set (rules: <id>: <name>: value), with their defaults.") { paths, format };
        command.SetAction(parse => Run(RulesCommand.Paths(parse.GetValue(paths)), parse.GetValue(format)!));
        return command;
    }

    private static int Run(string[] paths, string format)
    {
        if (RulesCommand.Load(paths, out var loadError) is not { } catalog)
        {
            return loadError;
        }
        var headers = catalog.Rules.Select(r => r.Header).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        if (format == "json")
        {
            var rows = headers.Select(h => new
            {
                id = h.Id, family = h.Family, severity = h.Severity.ToString().ToLowerInvariant(), title = h.Title,
                resourceTypes = h.ResourceTypes, controls = h.Controls, remediation = h.Remediation,
                parameters = h.Parameters.Select(p => new
                {
                    name = p.Name, type = p.Kind, @default = p.Default, meaning = p.Meaning, sharedWith = p.Owner,
                }),
                tune = h.Tune,
            });
            Console.WriteLine(JsonSerializer.Serialize(rows, Indented));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{"id",-46} {"family",-12} {"severity",-9} {"resource types",-44} controls");
        foreach (var h in headers)
        {
            var types = string.Join(",", h.ResourceTypes);
            Console.WriteLine($"{h.Id,-46} {h.Family,-12} {h.Severity.ToString().ToLowerInvariant(),-9} {types,-44} {string.Join("; ", h.Controls)}");
            foreach (var p in h.Parameters)
            {
                var shared = p.Owner is null ? "" : $" (set under {p.Owner})";
                Console.WriteLine($"    {p.Name} ({p.Kind}) = {p.DefaultText}: {p.Meaning}{shared}");
            }
            if (h.Tune.Count > 0)
            {
                Console.WriteLine($"    opinionated: tune {string.Join(", ", h.Tune)} to your organisation in guardrails.yaml (rules: {h.Id}: {h.Tune[0]}: ...)");
            }
        }
        Console.WriteLine($"{headers.Count} rules");
        return ExitCodes.Ok;
    }
}
