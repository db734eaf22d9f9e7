using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Which outputs of a source a second night copies from the previous snapshot (<see cref="ConfigWatchedOutput"/>): none
/// when Config's changes of the region are not known (Config was read in full) or the previous snapshot had a gap of the
/// source; else each output whose types the recorder records continuously and that show no change since. Anything that
/// cannot be trusted is recorded under <c>incremental.full</c> with the reason, as Config's and the tags' fallbacks are.
/// </summary>
internal static class IncrementalCopy
{
    /// <summary>The outputs of <paramref name="source"/> to copy; the rest are read. Never throws for what the previous snapshot holds.</summary>
    public static async Task<IReadOnlySet<string>> PlanAsync(CollectionRun run, AwsContext context, string source, IReadOnlyList<ConfigWatchedOutput> outputs,
        Task<ConfigChanges?> changes, Task<ConfigRecorder> recorder)
    {
        var state = run.Incremental;
        if (state is null)
        {
            return new HashSet<string>();
        }
        var (account, region) = (context.AccountId, context.Region);
        var known = await changes;
        var recorded = (await recorder).Recording;
        var why = known is null ? "Config of this region was collected in full (or not at all): its changes are not known"
            : recorded is null ? "the Config recorder could not be described: what it records is not known"
            : state.Previous.WhyNot(account, region, source);
        if (why is not null)
        {
            state.Fallback(run, account, region, source, why);
            return new HashSet<string>();
        }
        var copy = new HashSet<string>(StringComparer.Ordinal);
        var untrusted = new List<string>();
        foreach (var output in outputs)
        {
            if (output.Types.Select(recorded!.WhyNotWatched).FirstOrDefault(w => w is not null) is { } notWatched)
            {
                untrusted.Add($"{output.Output}: {notWatched}");
            }
            else if (output.Types.FirstOrDefault(known!.Types.Contains) is { } changed)
            {
                run.Progress.Log($"account {account}, region {region}: {output.Output} read again ({changed} changed since the previous collection)");
            }
            else
            {
                copy.Add(output.Output);
            }
        }
        if (untrusted.Count > 0)
        {
            state.Fallback(run, account, region, source, string.Join("; ", untrusted));
        }
        return copy;
    }

    /// <summary>
    /// The previous snapshot's file at <paramref name="relative"/> (to the account's directory), checked by
    /// <paramref name="check"/> (null when it may be copied, else why not) and written to this snapshot; null (after
    /// saying why) when it must be read from AWS instead.
    /// </summary>
    public static async Task<JsonElement?> TryCopyAsync(CollectionRun run, string account, string relative, Func<JsonElement, string?> check, CancellationToken cancellationToken)
    {
        var state = run.Incremental!;
        var from = Path.Combine(state.Previous.AccountDirectory(account), relative);
        string? why;
        JsonElement copied = default;
        try
        {
            using var document = state.Open(from);
            why = check(document.RootElement);
            copied = document.RootElement.Clone();
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            why = $"the previous file is unusable: {ex.Message}";
        }
        if (why is not null)
        {
            run.Progress.Log($"account {account}: {relative} read again ({run.Secrets.Redact(why)})");
            return null;
        }
        await SnapshotWriter.WriteJsonAsync(Path.Combine(run.AccountDirectory(account), relative), copied, cancellationToken);
        return copied;
    }
}
