using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// A second night's copy of a source CloudTrail watches (<see cref="TrailWatchedSource"/>): the previous snapshot's files
/// of the region, written unchanged, when the event history was read, the previous snapshot had no gap of the source
/// there, no write event since could have changed it, and its previous files are whole and settled. Anything else reads
/// the source from AWS as a full night does.
/// </summary>
internal static class TrailCopy
{
    /// <summary>The source copied where CloudTrail shows it unchanged, else read; a failure is its own gap.</summary>
    public static Task GuardAsync(CollectionRun run, AwsContext context, Task<TrailChanges?> trail, TrailWatchedSource source, Func<Task> read, CancellationToken cancellationToken) =>
        run.Gaps.GuardAsync(context.AccountId, context.Region, source.Source, async () =>
        {
            if (!await TrailCopy.TryCopyAsync(run, context, trail, source, cancellationToken))
            {
                await read();
            }
        }, cancellationToken);

    /// <summary>True when the source's outputs were copied; false when the caller must read them.</summary>
    public static async Task<bool> TryCopyAsync(CollectionRun run, AwsContext context, Task<TrailChanges?> trail, TrailWatchedSource source, CancellationToken cancellationToken)
    {
        var state = run.Incremental;
        if (state is null || await trail is not { } changes)
        {
            return false;
        }
        var (account, region) = (context.AccountId, context.Region);
        if (state.Previous.WhyNot(account, region, source.Source) is { } why)
        {
            state.Fallback(run, account, region, source.Source, why);
            return false;
        }
        if (changes.FirstChanging(source) is { } changed)
        {
            run.Progress.Log($"account {account}, region {region}: {source.Source} read again ({changed.EventSource}:{changed.EventName} since the previous collection)");
            return false;
        }
        var from = state.Previous.AccountDirectory(account);
        var copied = new List<(string Path, JsonElement Content)>();
        try
        {
            foreach (var file in source.Files(new PreviousFiles(state, from, region, changes.Events)))
            {
                using var document = state.Open(file);
                copied.Add((Path.Combine(run.AccountDirectory(account), Path.GetRelativePath(from, file)), document.RootElement.Clone()));
            }
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            run.Progress.Log($"account {account}, region {region}: {source.Source} read again ({run.Secrets.Redact(ex.Message)})");
            return false;
        }
        foreach (var (path, content) in copied)
        {
            await SnapshotWriter.WriteJsonAsync(path, content, cancellationToken);
        }
        return true;
    }
}
