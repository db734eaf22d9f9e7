using System.CommandLine;
using System.Text.Json;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Testing;
using Ocado.Guardrails.Scanner.Scanning;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails rules</c>: the rule author's loop.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders (default: the rules-catalog folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var test = new Command("test", "Compile rules and run the cases of their <rule-id>.tests.json; prints PASS/FAIL per case.\n" + ExitCodes.Help) { paths };
        test.SetAction(parse => Test(Paths(parse.GetValue(paths))));

        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var listPaths = new Argument<string[]>("paths") { Description = "Rule files or folders", Arity = ArgumentArity.ZeroOrMore };
        var list = new Command("list", "List the rules: id, family, severity, resource types, controls.") { listPaths, format };
        list.SetAction(parse => List(Paths(parse.GetValue(listPaths)), parse.GetValue(format)!));

        return new Command("rules", "Write, list and test rules.") { test, list };
    }

    private static string[] Paths(string[]? given) => given is { Length: > 0 } ? given : [RuleCatalogFiles.DefaultCatalog()];

    private static int Test(string[] paths)
    {
        var catalog = Load(paths);
        if (catalog is null)
        {
            return ExitCodes.RuleLoadError;
        }
        int passed = 0, failed = 0, missing = 0;
        foreach (var rule in catalog.Rules)
        {
            var fixture = Path.ChangeExtension(rule.Path, null) + ".tests.json";
            if (!File.Exists(fixture))
            {
                Console.WriteLine($"MISSING {rule.Id}: no {fixture}; every rule needs a Pass and a Fail case");
                missing++;
                continue;
            }
            foreach (var result in RuleFixtures.Run(catalog, rule.Id, File.ReadAllText(fixture)))
            {
                if (result.Passed)
                {
                    passed++;
                    Console.WriteLine($"PASS {rule.Id} / {result.CaseName}: {result.Actual.Verdict}: {result.Actual.Message}");
                }
                else
                {
                    failed++;
                    Console.WriteLine($"FAIL {rule.Id} / {result.CaseName}: {result.Problem}");
                }
            }
        }
        Console.WriteLine($"{passed} passed, {failed + missing} failed, 0 skipped");
        return failed + missing == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static int List(string[] paths, string format)
    {
        var catalog = Load(paths);
        if (catalog is null)
        {
            return ExitCodes.RuleLoadError;
        }
        var headers = catalog.Rules.Select(r => r.Header).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        if (format == "json")
        {
            Console.WriteLine(JsonSerializer.Serialize(headers.Select(h => new
            {
                id = h.Id, family = h.Family, severity = h.Severity.ToString().ToLowerInvariant(), title = h.Title,
                resourceTypes = h.ResourceTypes, controls = h.Controls, remediation = h.Remediation,
            }), new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{"id",-48} {"family",-12} {"severity",-9} {"resource types",-40} controls");
        foreach (var h in headers)
        {
            Console.WriteLine($"{h.Id,-48} {h.Family,-12} {h.Severity.ToString().ToLowerInvariant(),-9} {string.Join(",", h.ResourceTypes),-40} {string.Join("; ", h.Controls)}");
        }
        return ExitCodes.Ok;
    }

    private static RuleCatalog? Load(string[] paths)
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
