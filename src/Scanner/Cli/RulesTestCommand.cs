using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// <c>guardrails rules test</c>: compiles the rules and runs the cases of each <c>&lt;rule-id&gt;.tests.json</c>;
/// with <c>--watch</c>, again on every save.
/// </summary>
internal static class RulesTestCommand
{
    /// <summary>Editors save in bursts (temporary file, rename, touch): wait for the burst to end.</summary>
    private static readonly TimeSpan SaveSettleTime = TimeSpan.FromMilliseconds(300);

    public static Command Create()
    {
        var paths = RulesCommand.PathsArgument();
        var watch = new Option<bool>("--watch") { Description = "Run again whenever a rule or fixture changes (Ctrl+C to stop)" };
        var command = new Command("test", "Compile rules and run the named cases of their <rule-id>.tests.json; prints PASS/FAIL per case, with expected and actual verdicts on a mismatch.")
        {
            paths, watch,
        };
        var ruleFlags = new RuleSelectionOptions();
        ruleFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = RulesCommand.Paths(parse.GetValue(paths));
            var filter = ruleFlags.Read(parse);
            var status = Run(given, Console.Out, filter);
            if (!parse.GetValue(watch))
            {
                return status;
            }
            await WatchAsync(given, filter, cancellationToken);
            return status;
        });
        return command;
    }

    public static int Run(string[] paths, TextWriter output, RuleFilter? filter = null)
    {
        if (RulesCommand.Load(paths, out var loadError) is not { } catalog)
        {
            return loadError;
        }
        // The cases run against the whole catalog (a rule's shared parameters come from their owners); the flags pick whose cases.
        if (RuleSelectionOptions.Select(null, catalog, filter ?? RuleFilter.None, output) is not { } selected)
        {
            return ExitCodes.UsageError;
        }
        int passed = 0, failed = 0;
        foreach (var rule in selected.Rules)
        {
            var fixture = Path.ChangeExtension(rule.Path, null) + ".tests.json";
            if (!File.Exists(fixture))
            {
                output.WriteLine($"FAIL {rule.Id}: no {fixture}; every rule needs named Pass and Fail cases");
                failed++;
                continue;
            }
            IReadOnlyList<RuleFixtureResult> results;
            try
            {
                results = RuleFixtures.Run(catalog, rule.Id, File.ReadAllText(fixture));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                output.WriteLine($"FAIL {rule.Id}: {fixture} is not a valid fixture: {ex.Message}");
                failed++;
                continue;
            }
            foreach (var result in results)
            {
                if (result.Passed)
                {
                    passed++;
                    output.WriteLine($"PASS {rule.Id} / {result.CaseName}: {result.Actual.Verdict}: {result.Actual.Message}");
                }
                else
                {
                    failed++;
                    output.WriteLine($"FAIL {rule.Id} / {result.CaseName}: {result.Problem}");
                }
            }
        }
        output.WriteLine($"{passed} passed, {failed} failed, 0 skipped");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static async Task WatchAsync(string[] paths, RuleFilter filter, CancellationToken cancellationToken)
    {
        var changed = new SemaphoreSlim(0);
        var watchers = paths.Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(Path.GetFullPath(p))!)
            .Distinct()
            .Select(directory => new FileSystemWatcher(directory) { IncludeSubdirectories = true, EnableRaisingEvents = true })
            .ToList();
        foreach (var watcher in watchers)
        {
            watcher.Changed += (_, e) => Signal(e.FullPath);
            watcher.Created += (_, e) => Signal(e.FullPath);
            watcher.Renamed += (_, e) => Signal(e.FullPath);
        }
        void Signal(string path)
        {
            if (path.EndsWith(".csx", StringComparison.Ordinal) || path.EndsWith(".tests.json", StringComparison.Ordinal))
            {
                changed.Release();
            }
        }
        Console.Error.WriteLine("watching for changes; Ctrl+C to stop");
        try
        {
            while (true)
            {
                await changed.WaitAsync(cancellationToken);
                await Task.Delay(SaveSettleTime, cancellationToken);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(cancellationToken);
                }
                Console.WriteLine($"--- change detected, running again");
                Run(paths, Console.Out, filter);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            watchers.ForEach(w => w.Dispose());
        }
    }
}
