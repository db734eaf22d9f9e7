using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The Tagging API and Service Quotas have no change feed. Tags: the previous mappings, less the resources Config says
/// were deleted or changed, plus GetResources for the changed ones (by ARN, 100 a call); a tag change is a Config change of
/// the resource, so Config's feed is the Tagging API's too, except for resources Config does not record (docs/collect.md,
/// "What an incremental night cannot see"). Quotas: the previous files, unchanged (usage is counted from the inventory;
/// a raised limit is seen by the next full collection).
/// </summary>
internal static class IncrementalTagging
{
    /// <summary>Writes the region's tagging file from the previous one and the changes; false (after saying why) when it must be read in full.</summary>
    public static async Task<bool> TryTaggingAsync(CollectionRun run, IncrementalState state, AwsContext context, ConfigChanges? changes, CancellationToken cancellationToken)
    {
        const string source = CoverageGap.Sources.Tagging;
        var (account, region) = (context.AccountId, context.Region);
        if (changes is null)
        {
            state.Fallback(run, account, region, source, "Config of this region was collected in full (or not at all): its changes are not known");
            return false;
        }
        if (state.Previous.WhyNot(account, region, source) is { } why)
        {
            state.Fallback(run, account, region, source, why);
            return false;
        }
        var previousPath = SnapshotLayout.TaggingFile(state.Previous.AccountDirectory(account), region);
        JsonDocument document;
        List<JsonElement> previous;
        try
        {
            document = state.Open(previousPath);
            previous = Mappings(document.RootElement, previousPath);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            state.Fallback(run, account, region, source, $"the previous file is unusable: {ex.Message}");
            return false;
        }
        using (document)
        {
            var stale = changes.Changed.Concat(changes.Removed).ToHashSet(StringComparer.Ordinal);
            var kept = previous.Where(m => !stale.Contains(m.GetProperty("ResourceARN").GetString()!)).ToList();
            var fresh = new List<JsonElement>();
            if (changes.Changed.Count > 0)
            {
                await foreach (var mapping in run.Clients.Tagging.GetResourcesByArnAsync(context, changes.Changed, cancellationToken))
                {
                    fresh.Add(mapping);
                }
            }
            await SnapshotWriter.WriteListAsync(SnapshotLayout.TaggingFile(run.AccountDirectory(account), region), "ResourceTagMappingList",
                kept.Concat(fresh).ToAsyncEnumerable(), cancellationToken);
            return true;
        }
    }

    /// <summary>Copies the region's quota files of the previous snapshot; false (after saying why) when they must be read.</summary>
    public static async Task<bool> TryQuotasAsync(CollectionRun run, IncrementalState state, string account, string region, int expectedFiles, CancellationToken cancellationToken)
    {
        const string source = CoverageGap.Sources.Quotas;
        var from = Path.Combine(SnapshotLayout.Quotas(state.Previous.AccountDirectory(account)), region);
        var why = state.Previous.WhyNot(account, region, source);
        var files = why is null && Directory.Exists(from) ? Directory.GetFiles(from, "*.json") : [];
        if (why is null && files.Length != expectedFiles)
        {
            why = $"the previous snapshot holds {files.Length} quota files for the region, not {expectedFiles}";
        }
        var copies = new List<(string Name, byte[] Bytes)>();
        try
        {
            // Read as any snapshot file is (regular, inside the snapshot, within the limits), then written anew.
            copies.AddRange(why is null ? files.Select(f => (Path.GetFileName(f), InputFile.ReadText(f, state.Previous.Directory, state.Limits))) : []);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            why = $"a previous quota file is unusable: {ex.Message}";
        }
        if (why is not null)
        {
            state.Fallback(run, account, region, source, why);
            return false;
        }
        var to = Path.Combine(SnapshotLayout.Quotas(run.AccountDirectory(account)), region);
        foreach (var (name, bytes) in copies)
        {
            await SnapshotWriter.WriteBytesAsync(Path.Combine(to, name), bytes, cancellationToken);
        }
        return true;
    }

    private static List<JsonElement> Mappings(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ResourceTagMappingList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path} has no ResourceTagMappingList (it is not what collect writes)");
        }
        var mappings = list.EnumerateArray().ToList();
        if (mappings.Any(m => m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("ResourceARN", out var arn) || arn.ValueKind != JsonValueKind.String))
        {
            throw new SnapshotFormatException($"{path}: a mapping without ResourceARN");
        }
        return mappings;
    }
}
