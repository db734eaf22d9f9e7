using System.CommandLine;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails check</c>: the catalog's rules on CloudFormation templates, before they are deployed.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var templates = new Argument<string[]>("TEMPLATE") { Description = "CloudFormation templates (JSON or YAML)", Arity = ArgumentArity.OneOrMore };
        var config = new Option<string?>("--config") { Description = "guardrails.yaml describing the estate, so that accounts are judged as own, same customer, platform or foreign" };
        var account = new Option<string?>("--account") { Description = "The account the templates deploy to (AWS::AccountId)" };
        var region = new Option<string>("--region") { Description = "The region the templates deploy to (AWS::Region)", DefaultValueFactory = _ => TemplateContext.DefaultRegion };
        var parameters = new Option<string[]>("--parameter") { Description = "A template parameter value, KEY=VALUE; repeatable", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "console, sarif, json or junit", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "sarif", "json", "junit");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when an unwaived Fail or Error at or above this severity remains: critical, high, medium, low, info or none", DefaultValueFactory = _ => "high" };
        failOn.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info", "none");
        var rules = new Option<string[]>("--rules") { Description = "Rule files or folders (default: the rules-catalog folder); repeatable", AllowMultipleArgumentsPerToken = true };

        var command = new Command("check", "Check CloudFormation templates with the catalog's rules before merging them.")
        {
            templates, config, account, region, parameters, format, output, failOn, rules,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Console.Error.WriteLine($"error: --parameter {pair}: write KEY=VALUE");
                    return ExitCodes.UsageError;
                }
                values[pair[..equals]] = pair[(equals + 1)..];
            }
            Estate estate = Estate.Empty;
            Func<string, RuleParams> paramsFor = _ => RuleParams.Empty;
            if (parse.GetValue(config) is { } configPath)
            {
                try
                {
                    var loaded = GuardrailsConfig.Load(configPath);
                    (estate, paramsFor) = (loaded.Estate, loaded.ParamsFor);
                }
                catch (ConfigException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }
            RuleCatalog catalog;
            try
            {
                catalog = RuleCatalogFiles.Load(parse.GetValue(rules) is { Length: > 0 } r ? r : [RuleCatalogFiles.DefaultCatalog()]);
            }
            catch (RuleLoadException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.RuleLoadError;
            }
            catch (FileNotFoundException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            var context = new TemplateContext
            {
                Account = parse.GetValue(account) ?? TemplateContext.PlaceholderAccount,
                Region = parse.GetValue(region)!,
                Parameters = values,
            };
            var result = new TemplateCheck(catalog, estate, paramsFor, TimeProvider.System.GetUtcNow()).Run(parse.GetValue(templates)!, context);
            var text = parse.GetValue(format) switch
            {
                "sarif" => SarifReport.Write(result, Environment.CurrentDirectory),
                "json" => CheckJsonReport.Write(result),
                "junit" => JunitReport.Write(result),
                _ => null,
            };
            if (text is null)
            {
                CheckConsoleReport.Write(Console.Out, result);
            }
            else if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, text, cancellationToken);
            }
            else
            {
                await Console.Out.WriteLineAsync(text);
            }
            return ExitCode(result, parse.GetValue(failOn)!);
        });
        return command;
    }

    /// <summary>An unreadable template is a usage error: a file we could not read must never pass the gate.</summary>
    internal static int ExitCode(CheckResult result, string threshold)
    {
        if (result.Unreadable.Count > 0)
        {
            return ExitCodes.UsageError;
        }
        if (threshold == "none")
        {
            return ExitCodes.Ok;
        }
        var minimum = Enum.Parse<Severity>(threshold, ignoreCase: true);
        return result.Open.Any(f => f.Severity >= minimum) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
