using System.CommandLine;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Jobs;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>The options that serve, worker and audit share: where the estate, its snapshot, the outputs and the state are.</summary>
internal sealed class EngineCommandOptions
{
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
        return new EngineOptions
        {
            ConfigPath = Path.GetFullPath(config),
            SnapshotDirectory = snapshot,
            OutputDirectory = Path.GetFullPath(parse.GetValue(Output)!),
            StateDirectory = Path.GetFullPath(parse.GetValue(State)!),
            RulePaths = parse.GetValue(Rules) ?? [],
        };
    }
}
