using System.Collections.Concurrent;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// What an incremental collection shares across accounts: the previous snapshot, the limits its files are read within,
/// and every part collected in full instead, with the reason (written to collection.json and logged).
/// </summary>
internal sealed class IncrementalState(PreviousSnapshot previous, InputLimits limits)
{
    private readonly ConcurrentQueue<FullCollection> _full = new();

    public PreviousSnapshot Previous { get; } = previous;
    public InputLimits Limits { get; } = limits;

    private Task<IReadOnlyList<JsonElement>>? _aggregatorSources;

    /// <summary>The aggregator's sources and their last update, asked once per run and shared by every account.</summary>
    public Task<IReadOnlyList<JsonElement>> AggregatorSourcesAsync(Func<Task<IReadOnlyList<JsonElement>>> ask)
    {
        lock (_full)
        {
            return _aggregatorSources ??= ask();
        }
    }

    public IReadOnlyList<FullCollection> Full =>
        _full.OrderBy(f => f.AccountId, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.Source, StringComparer.Ordinal).ToList();

    /// <summary>Records (and says) that a part is collected in full; always returns null, the "no changes to go on" of the callers.</summary>
    public ConfigChanges? Fallback(CollectionRun run, string accountId, string region, string source, string reason)
    {
        reason = run.Secrets.Redact(reason);
        _full.Enqueue(new FullCollection(accountId, region, source, reason));
        run.Progress.Log($"full collection: account {accountId}, region {region}, {source}: {reason}");
        return null;
    }

    /// <summary>Opens a file of the previous snapshot within the limits; the caller keeps the document while it uses its elements.</summary>
    public JsonDocument Open(string path) => AwsJson.Open(path, Previous.Directory, Limits);
}

/// <summary>
/// What changed in Config since the previous snapshot: the ARNs to ask the Tagging API about again, those gone, and every
/// resource type with a resource changed, added or deleted (a source Config watches is copied only where none of its types is).
/// </summary>
internal sealed record ConfigChanges(IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlySet<string> Types);
