using System.CommandLine;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Jobs;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// The options that serve, worker and audit share: where the estate, its snapshot, the outputs and the state are;
/// for the verbs that run parts (serve, worker), which rules run and, for their live collection, --profile and --region.
/// </summary>
/// <param name="runsParts">The verb runs parts: it judges (rule flags) and, without --snapshot, collects from AWS.</param>
internal sealed class EngineCommandOptions(bool runsParts = false)
{
    /// <summary>Which rules the engine's audits run (serve and worker; audit only enqueues, and the engine decides).</summary>
    private readonly RuleSelectionOptions? _ruleFlags = runsParts ? new RuleSelectionOptions() : null;
    private readonly AwsCommandOptions? _aws = runsParts ? new AwsCommandOptions() : null;

    public Option<string?> Snapshot { get; } = new("--snapshot") { Description = "Snapshot directory the audits read (every worker must see it: a shared volume); without it, each part collects its account live from AWS, as guardrails collect does" };
    public Option<string?> Config { get; } = new("--config") { Description = "guardrails.yaml (default: SNAPSHOT/guardrails.yaml; required without --snapshot)" };
    public Option<string> Output { get; } = new("--out") { Description = "Reports go to OUT/scans/<scan id>/", DefaultValueFactory = _ => "out" };
    public Option<string> State { get; } = new("--state") { Description = "Folder of the embedded SQLite stores (findings.db, hangfire.db) when guardrails.yaml names no PostgreSQL", DefaultValueFactory = _ => ".guardrails" };
    public Option<string[]> Rules { get; } = new("--rules") { Description = "Rule files or folders (default: the rules-catalog folder)", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command)
    {
        command.Options.Add(Snapshot);
        command.Options.Add(Config);
        command.Options.Add(Output);
        command.Options.Add(State);
        command.Options.Add(Rules);
        _ruleFlags?.AddTo(command);
        _aws?.AddTo(command);
    }

    /// <summary>The options, or null after saying what is missing.</summary>
    public EngineOptions? Read(ParseResult parse)
    {
        var snapshot = parse.GetValue(Snapshot) is { } s ? Path.GetFullPath(s) : null;
        var config = parse.GetValue(Config) ?? (snapshot is null ? null : Path.Combine(snapshot, SnapshotLayout.EstateFile));
        if (config is null)
        {
            Console.Error.WriteLine("error: say which estate: --snapshot DIR (its guardrails.yaml is used) or --config guardrails.yaml (collected live from AWS)");
            return null;
        }
        var aws = _aws?.Read(parse) ?? AwsCallerOptions.Default;
        if (snapshot is not null && aws.Profile is not null)
        {
            Console.Error.WriteLine("error: --profile names the credentials of live collection; with --snapshot the parts read no AWS");
            return null;
        }
        var state = Path.GetFullPath(parse.GetValue(State)!);
        try
        {
            // Created here, whatever the storage: serve's host needs it even when PostgreSQL holds every table.
            Directory.CreateDirectory(state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: --state {state}: cannot create the folder ({ex.Message})");
            return null;
        }
        return new EngineOptions
        {
            ConfigPath = Path.GetFullPath(config),
            SnapshotDirectory = snapshot,
            OutputDirectory = Path.GetFullPath(parse.GetValue(Output)!),
            StateDirectory = state,
            RulePaths = parse.GetValue(Rules) ?? [],
            RuleFilter = _ruleFlags?.Read(parse) ?? RuleFilter.None,
            Aws = aws,
        };
    }
}
