using System.CommandLine;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails scan</c>: read a snapshot (or make the demo one), evaluate the catalog, write findings and reports.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var snapshot = new Option<string?>("--snapshot") { Description = "Snapshot directory to scan (layout: README, 'The snapshot directory')" };
        var demo = new Option<bool>("--demo") { Description = "Generate the bundled demo estate (3 customers, 11 accounts) into OUT/demo-snapshot and scan it" };
        var demoSize = new Option<int>("--demo-size") { Description = $"Approximate number of resources of the demo estate ({DemoOptions.MinimumSize:N0} to {DemoOptions.MaximumSize:N0})", DefaultValueFactory = _ => DemoOptions.DefaultSize };
        demoSize.Validators.Add(r => InRange(r, r.GetValueOrDefault<int>(), DemoOptions.MinimumSize, DemoOptions.MaximumSize));
        var demoAccounts = new Option<int>("--demo-accounts") { Description = $"Accounts of the demo estate ({DemoOptions.DefaultAccounts} by default, up to {DemoOptions.MaximumAccounts}; more are extra copies of the customers' environments)", DefaultValueFactory = _ => DemoOptions.DefaultAccounts };
        demoAccounts.Validators.Add(r => InRange(r, r.GetValueOrDefault<int>(), DemoOptions.DefaultAccounts, DemoOptions.MaximumAccounts));
        var config = new Option<string?>("--config") { Description = "guardrails.yaml describing the estate (default: SNAPSHOT/guardrails.yaml; without --snapshot or --demo, ./guardrails.yaml)" };
        var output = new Option<string>("--out") { Description = "Output directory for findings.json and the reports (--format)", DefaultValueFactory = _ => "out" };
        var rules = new Option<string[]>("--rules") { Description = "Rule files or folders (default: the rules-catalog folder); repeatable", AllowMultipleArgumentsPerToken = true };
        var includePasses = new Option<bool>("--include-passes") { Description = "List Pass verdicts in findings.json and the reports too (--status pass implies it)" };
        var customer = new Option<string?>("--customer") { Description = "Scan one customer's accounts only" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a Fail or Error at or above this severity remains: critical, high, medium, low, info or none (judged on every finding, whatever --status writes)", DefaultValueFactory = _ => "none" };
        failOn.AcceptOnlyFromAmong(FailOn.Choices);
        var quiet = new Option<bool>("--quiet") { Description = "No progress on standard error" };
        var store = new Option<string?>("--store") { Description = "Findings history: a SQLite file, or a PostgreSQL connection string (default: storage.postgres of guardrails.yaml, else OUT/../.guardrails/findings.db)" };
        var nights = new Option<int>("--nights") { Description = $"With --demo: record N earlier nights of the demo's quota growth in the store first (up to {DemoNights.Maximum}), so that quota forecasts show at once" };
        var noStore = new Option<bool>("--no-store") { Description = "Record no history: findings carry no new/open/resolved status" };

        var command = new Command("scan", """
            Scan an estate: evaluate the rule catalog and write OUT/findings.json and OUT/report.html, and the same for each
            customer in OUT/customers/<id>/ (with that customer's findings only); --format adds or chooses others (csv, sarif,
            junit, asff) and --status chooses the verdicts they list. With --snapshot, a snapshot directory; with --demo, the
            bundled demo estate; with neither, live AWS: the estate of --config (default ./guardrails.yaml) is collected first,
            as `guardrails collect` does, into OUT/snapshot (kept as the audit's evidence), then scanned. Credentials
            (--profile), region (--region) and endpoints as for `guardrails collect`.
            """ + "")
        {
            snapshot, demo, demoSize, demoAccounts, config, output, rules, includePasses, customer, failOn, quiet, store, noStore, nights,
        };
        var baselines = new BaselineOptions();
        baselines.AddTo(command);
        var ruleFlags = new RuleSelectionOptions();
        ruleFlags.AddTo(command);
        var outputs = new OutputOptions();
        outputs.AddTo(command, formats: true);
        var aws = new AwsCommandOptions(". With --format asff, --region is also the Security Hub region of global resources (default: the estate's first region)");
        aws.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!baselines.TryRead(parse, Console.Error, out var baseline))
            {
                return ExitCodes.UsageError;
            }
            var caller = aws.Read(parse);
            if (caller.Profile is not null && (parse.GetValue(demo) || parse.GetValue(snapshot) is not null))
            {
                Console.Error.WriteLine("error: --profile names the credentials of a live collection; a scan of --snapshot or --demo reads no AWS");
                return ExitCodes.UsageError;
            }
            var outDirectory = Path.GetFullPath(parse.GetValue(output)!);
            var progress = ScanProgress.ForConsole(parse.GetValue(quiet));
            string snapshotDirectory;
            string? collectFrom = null;
            if (parse.GetValue(demo))
            {
                snapshotDirectory = Path.Combine(outDirectory, "demo-snapshot");
                progress.Stage($"generating the demo estate ({parse.GetValue(demoSize):N0} resources) in {snapshotDirectory}");
                if (Directory.Exists(snapshotDirectory))
                {
                    Directory.Delete(snapshotDirectory, recursive: true);
                }
                DemoEstate.Write(snapshotDirectory, new DemoOptions { Size = parse.GetValue(demoSize), Accounts = parse.GetValue(demoAccounts) });
            }
            else if (parse.GetValue(snapshot) is { } given)
            {
                snapshotDirectory = Path.GetFullPath(given);
                if (!Directory.Exists(snapshotDirectory))
                {
                    Console.Error.WriteLine($"error: no snapshot directory at {snapshotDirectory}");
                    return ExitCodes.UsageError;
                }
            }
            else
            {
                // Live AWS: collected below, once the estate, the customer and the rules are known to be right.
                collectFrom = parse.GetValue(config) ?? SnapshotLayout.EstateFile;
                if (!File.Exists(collectFrom))
                {
                    Console.Error.WriteLine($"error: no {collectFrom} to collect: say what to scan: --config guardrails.yaml (live AWS), --snapshot DIR (a collected or hand-made snapshot) or --demo (the bundled demo estate)");
                    return ExitCodes.UsageError;
                }
                snapshotDirectory = Path.Combine(outDirectory, "snapshot");
            }

            GuardrailsConfig estateConfig;
            try
            {
                estateConfig = GuardrailsConfig.Load(collectFrom ?? parse.GetValue(config) ?? Path.Combine(snapshotDirectory, SnapshotLayout.EstateFile));
            }
            catch (ConfigException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            var customerId = parse.GetValue(customer);
            if (customerId is not null && estateConfig.Estate.Customers.All(c => c.Id != customerId))
            {
                Console.Error.WriteLine($"error: no customer '{customerId}' in {estateConfig.SourcePath}; customers: {string.Join(", ", estateConfig.Estate.Customers.Select(c => c.Id))}");
                return ExitCodes.UsageError;
            }

            var rulePaths = parse.GetValue(rules) is { Length: > 0 } r ? r : [RuleCatalogFiles.DefaultCatalog(estateConfig.SourcePath)];
            progress.Stage($"loading rules from {string.Join(", ", rulePaths)}");
            if (RulesCommand.Load(rulePaths, out var loadError) is not { } all)
            {
                return loadError;
            }
            if (RuleSelectionOptions.Select(estateConfig, all, ruleFlags.Read(parse), Console.Error) is not { } catalog)
            {
                return ExitCodes.UsageError;
            }

            if (collectFrom is not null)
            {
                progress.Stage($"collecting the estate of {collectFrom} from AWS into {snapshotDirectory}");
                var collected = await CollectLiveAsync(collectFrom, snapshotDirectory, caller, cancellationToken);
                if (collected != ExitCodes.Ok)
                {
                    return collected;
                }
            }

            var options = new ScanOptions
            {
                SnapshotDirectory = snapshotDirectory,
                ConfigPath = estateConfig.SourcePath,
                OutputDirectory = outDirectory,
                RulePaths = parse.GetValue(rules) ?? [],
                IncludePasses = parse.GetValue(includePasses),
                Formats = outputs.Formats(parse),
                Status = outputs.Statuses(parse),
                HomeRegion = caller.Region,
                Customer = customerId,
                FailOn = FailOn.Parse(parse.GetValue(failOn)!),
                Baseline = baseline,
                CreateBaseline = parse.GetValue(baselines.Create),
            };
            var findingsStore = parse.GetValue(noStore)
                ? null
                : FindingsStores.Open(estateConfig.Storage, Path.Combine(Path.GetDirectoryName(outDirectory)!, ".guardrails"), parse.GetValue(store));
            if (parse.GetValue(nights) is var nightCount and not 0)
            {
                if (!parse.GetValue(demo) || findingsStore is null || nightCount is < 0 or > DemoNights.Maximum)
                {
                    Console.Error.WriteLine($"error: --nights takes 1 to {DemoNights.Maximum} nights, with --demo and a store (not --no-store)");
                    return ExitCodes.UsageError;
                }
                progress.Stage($"recording {nightCount} earlier nights of the demo's quota usage");
                var now = TimeProvider.System.GetUtcNow();
                var tonight = await QuotaHistorySeed.ReadAsync(snapshotDirectory, estateConfig, now, cancellationToken);
                await QuotaHistorySeed.WriteAsync(findingsStore, DemoNights.Before(tonight, nightCount), now, cancellationToken);
            }
            try
            {
                return await new ScanPipeline(estateConfig, catalog, TimeProvider.System, progress).RunAsync(options, findingsStore, cancellationToken);
            }
            finally
            {
                if (findingsStore is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        });
        return command;
    }

    /// <summary>
    /// <c>guardrails collect</c> into <paramref name="snapshotDirectory"/>: into a fresh directory beside it first, so
    /// that a failed collection leaves the previous scan's evidence as it was, and a snapshot never mixes two runs.
    /// </summary>
    private static async Task<int> CollectLiveAsync(string configPath, string snapshotDirectory, AwsCallerOptions caller, CancellationToken cancellationToken)
    {
        var collecting = snapshotDirectory + ".collecting";
        if (Directory.Exists(collecting))
        {
            Directory.Delete(collecting, recursive: true);
        }
        var exit = await CollectCommand.RunAsync(configPath, collecting, Console.Error, AwsEndpoints.FromEnvironment(), caller, cancellationToken);
        if (exit != ExitCodes.Ok)
        {
            if (Directory.Exists(collecting))
            {
                Directory.Delete(collecting, recursive: true);
            }
            return exit;
        }
        if (Directory.Exists(snapshotDirectory))
        {
            Directory.Delete(snapshotDirectory, recursive: true);
        }
        Directory.Move(collecting, snapshotDirectory);
        return ExitCodes.Ok;
    }

    private static void InRange(System.CommandLine.Parsing.OptionResult result, int value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            result.AddError($"{result.Option.Name} must be between {minimum:N0} and {maximum:N0} (was {value:N0})");
        }
    }
}
