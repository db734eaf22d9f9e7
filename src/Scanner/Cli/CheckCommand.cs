using System.CommandLine;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
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
        // A word that looks like an option is a mistyped option, never a template to look for (use ./-name for such a file).
        templates.Validators.Add(r =>
        {
            foreach (var word in r.Tokens.Select(t => t.Value).Where(w => w.StartsWith('-')))
            {
                r.AddError($"unknown option '{word}' for check");
            }
        });
        var config = new Option<string?>("--config") { Description = "guardrails.yaml describing the estate, so that accounts are judged as own, same customer, platform or foreign" };
        var account = new Option<string?>("--account") { Description = "The account the templates deploy to (AWS::AccountId)" };
        var region = new Option<string>("--region") { Description = "The region the templates deploy to (AWS::Region)", DefaultValueFactory = _ => TemplateContext.DefaultRegion };
        var parameters = new Option<string[]>("--parameter") { Description = "A template parameter value, KEY=VALUE; repeatable", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "console, sarif, json or junit", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "sarif", "json", "junit");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when an unwaived Fail or Error at or above this severity remains: critical, high, medium, low, info or none (judged on every finding, whatever --status writes)", DefaultValueFactory = _ => "high" };
        failOn.AcceptOnlyFromAmong(FailOn.Choices);
        var rules = new Option<string[]>("--rules") { Description = "Rule files or folders (default: the rules-catalog folder); repeatable", AllowMultipleArgumentsPerToken = true };

        var command = new Command("check", "Check CloudFormation templates with the catalog's rules before merging them.")
        {
            templates, config, account, region, parameters, format, output, failOn, rules,
        };
        var baselines = new BaselineOptions();
        baselines.AddTo(command);
        var ruleFlags = new RuleSelectionOptions();
        ruleFlags.AddTo(command);
        var outputs = new OutputOptions();
        outputs.AddTo(command, formats: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!baselines.TryRead(parse, Console.Error, out var baseline))
            {
                return ExitCodes.UsageError;
            }
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
            GuardrailsConfig? loaded = null;
            if (parse.GetValue(config) is { } configPath)
            {
                try
                {
                    loaded = GuardrailsConfig.Load(configPath);
                }
                catch (ConfigException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }
            if (RulesCommand.Load(parse.GetValue(rules) is { Length: > 0 } r ? r : [RuleCatalogFiles.DefaultCatalog(parse.GetValue(config))], out var loadError) is not { } all)
            {
                return loadError;
            }
            if (RuleSelectionOptions.Select(loaded, all, ruleFlags.Read(parse), Console.Error) is not { } catalog)
            {
                return ExitCodes.UsageError;
            }
            var context = new TemplateContext
            {
                Account = parse.GetValue(account) ?? TemplateContext.PlaceholderAccount,
                Region = parse.GetValue(region)!,
                Parameters = values,
            };
            var result = new TemplateCheck(catalog, loaded?.Estate ?? Estate.Empty, loaded is null ? _ => RuleParams.Empty : loaded.ParamsFor, TimeProvider.System.GetUtcNow()).Run(parse.GetValue(templates)!, context);
            var status = outputs.Statuses(parse);
            if (parse.GetValue(format) is "console")
            {
                CheckConsoleReport.Write(Console.Out, result, status);
            }
            else
            {
                var reportFormat = parse.GetValue(format) switch { "sarif" => ReportFormat.Sarif, "json" => ReportFormat.Json, _ => ReportFormat.JUnit };
                var text = await RenderAsync(reportFormat, result, Environment.CurrentDirectory, status, cancellationToken);
                if (parse.GetValue(output) is { } file)
                {
                    await Pipeline.AtomicFile.WriteAsync(file, stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), cancellationToken);
                }
                else
                {
                    await Console.Out.WriteLineAsync(text);
                }
            }
            if (parse.GetValue(baselines.Create) is { } baselinePath)
            {
                Baseline.Write(baselinePath, result.Findings);
            }
            return ExitCode(result, FailOn.Parse(parse.GetValue(failOn)!), baseline);
        });
        return command;
    }

    /// <summary>
    /// The check in a report format, with paths relative to <paramref name="baseDirectory"/>. Without --status, JUnit
    /// lists the passing cases too, as CI systems expect of a test report, and SARIF and JSON list what needs a look;
    /// with it, each lists the verdicts asked for.
    /// </summary>
    internal static Task<string> RenderAsync(ReportFormat format, ScanResult result, string baseDirectory, StatusFilter status, CancellationToken cancellationToken)
    {
        var written = !status.IsAll ? status.Apply(result)
            : format == ReportFormat.JUnit ? result
            : result with { Findings = [.. result.Findings.Where(f => f.Verdict != Verdict.Pass)] };
        return ReportFormats.ToStringAsync(format, written, new ReportOptions { BaseDirectory = baseDirectory }, cancellationToken);
    }

    /// <summary>An unreadable template is a usage error: a file we could not read must never pass the gate.</summary>
    internal static int ExitCode(ScanResult result, Severity? failOn, Baseline? baseline = null) =>
        result.UnreadableFiles.Count > 0 ? ExitCodes.UsageError : FailOn.ExitCode(result.Findings, failOn, baseline);
}
