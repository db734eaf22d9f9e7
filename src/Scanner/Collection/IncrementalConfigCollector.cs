using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// One account and region's Config from the previous snapshot and what changed since (docs/collect.md, "Incremental
/// collection"): the resources whose configuration item was captured since the previous collection (advanced query on
/// <c>configurationItemCaptureTime</c>), read with the batch calls; deletions from the count of each type now
/// (<c>COUNT(*) ... GROUP BY resourceType</c>), and for a type with fewer resources than the previous snapshot and the
/// changes account for, its current ids. The new file is written whole; the previous one is never changed. Anything
/// that cannot be trusted returns null after recording why, and the caller collects the region in full.
/// </summary>
internal static partial class IncrementalConfigCollector
{
    public static async Task<ConfigChanges?> DirectAsync(CollectionRun run, IncrementalState state, AwsContext context, Task<ConfigRecorder> recorder, CancellationToken cancellationToken)
    {
        var config = run.Clients.Config;
        var why = (await recorder).Status is { } status ? RecorderProblem(status, state.Previous.Since) : "the Config recorder's status could not be read";
        var feed = new Feed(
            expression => config.SelectResourceConfigAsync(context, expression, cancellationToken),
            keys => ToListAsync(config.BatchGetResourceConfigAsync(context, keys.Select(k => new ConfigResourceKey(k.Type, k.Id)).ToList(), cancellationToken)),
            "", "baseConfigurationItems");
        return await CollectAsync(run, state, context.AccountId, context.Region, why, feed, cancellationToken);
    }

    public static async Task<ConfigChanges?> AggregatedAsync(CollectionRun run, IncrementalState state, string accountId, string region, CancellationToken cancellationToken)
    {
        var aggregator = run.Settings.Aggregator!;
        var context = new AwsContext(aggregator.AccountId, aggregator.Region, await run.AggregatorCredentials!.Value);
        var config = run.Clients.Config;
        var sources = await state.AggregatorSourcesAsync(() => ToListAsync(config.DescribeAggregatorSourcesStatusAsync(context, aggregator.Name, cancellationToken)));
        var why = SourceProblem(sources, accountId, region);
        var feed = new Feed(
            expression => config.SelectAggregateResourceConfigAsync(context, aggregator.Name, expression, cancellationToken),
            keys => ToListAsync(config.BatchGetAggregateResourceConfigAsync(context, aggregator.Name, keys.Select(k => new AggregateResourceKey(accountId, region, k.Type, k.Id)).ToList(), cancellationToken)),
            $"accountId = '{accountId}' AND awsRegion = '{region}' AND ", "BaseConfigurationItems");
        return await CollectAsync(run, state, accountId, region, why, feed, cancellationToken);
    }

    /// <summary>How to ask: the query call, the batch call, the conditions every query starts with, and the file's list property.</summary>
    private sealed record Feed(Func<string, IAsyncEnumerable<JsonElement>> Select, Func<IReadOnlyList<Key>, Task<IReadOnlyList<JsonElement>>> BatchGet, string Where, string Property);

    private readonly record struct Key(string Type, string Id);

    private static async Task<ConfigChanges?> CollectAsync(CollectionRun run, IncrementalState state, string accountId, string region, string? why, Feed feed, CancellationToken cancellationToken)
    {
        const string source = CoverageGap.Sources.Config;
        why ??= state.Previous.WhyNot(accountId, region, source);
        if (why is not null)
        {
            return state.Fallback(run, accountId, region, source, why);
        }
        var previousPath = SnapshotLayout.ConfigFile(state.Previous.AccountDirectory(accountId), region);
        List<(Key Key, string? Arn, JsonElement Item)> previous;
        JsonDocument document;
        try
        {
            document = state.Open(previousPath);
            previous = PreviousItems(document.RootElement, feed.Property, previousPath);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return state.Fallback(run, accountId, region, source, $"the previous file is unusable: {ex.Message}");
        }
        using (document)
        {
            var since = PreviousSnapshot.QueryTime(state.Previous.Since);
            var known = previous.Select(p => p.Key).ToHashSet();
            // Changed and added resources; an account's own query also names those deleted since (their last item says ResourceDeleted).
            var changed = new HashSet<Key>();
            var deleted = new HashSet<Key>();
            var named = new HashSet<Key>();
            await foreach (var row in feed.Select($"SELECT resourceType, resourceId, configurationItemStatus WHERE {feed.Where}configurationItemCaptureTime >= '{since}'"))
            {
                (IsDeleted(row) ? deleted : changed).Add(KeyOf(row));
                named.Add(KeyOf(row));
            }
            deleted.IntersectWith(known);
            changed.ExceptWith(deleted);
            // Deletions the feed did not name: a type with fewer resources now than the previous snapshot and the changes account for.
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var where = feed.Where.Length == 0 ? "" : "WHERE " + feed.Where[..^" AND ".Length] + " ";
            await foreach (var row in feed.Select($"SELECT resourceType, configurationItemStatus, COUNT(*) {where}GROUP BY resourceType, configurationItemStatus"))
            {
                var count = row.TryGetProperty("COUNT(*)", out var n) && n.TryGetInt64(out var value) ? value : long.MinValue / 2;
                counts[Text(row, "resourceType")] = counts.GetValueOrDefault(Text(row, "resourceType")) + (IsDeleted(row) ? 0 : count);
            }
            foreach (var type in counts.Keys.Concat(known.Select(k => k.Type)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (!ResourceType().IsMatch(type))
                {
                    // It is written into a query: a type that is not a type's name is not asked about.
                    return state.Fallback(run, accountId, region, source, $"Config names a resource type '{type}' that is not of the form AWS::Service::Type");
                }
                var expected = known.Count(k => k.Type == type && !deleted.Contains(k)) + changed.Count(k => k.Type == type && !known.Contains(k));
                var now = counts.GetValueOrDefault(type);
                if (now > expected || now < 0)
                {
                    return state.Fallback(run, accountId, region, source,
                        $"Config counts {now} resources of {type}, more than the previous snapshot and the changes since account for ({expected})");
                }
                if (now < expected)
                {
                    var current = new HashSet<Key>();
                    if (now > 0)
                    {
                        await foreach (var row in feed.Select($"SELECT resourceType, resourceId, configurationItemStatus WHERE {feed.Where}resourceType = '{type}'"))
                        {
                            if (!IsDeleted(row))
                            {
                                current.Add(KeyOf(row));
                            }
                        }
                    }
                    deleted.UnionWith(known.Where(k => k.Type == type && !current.Contains(k)));
                    changed.RemoveWhere(k => k.Type == type && !current.Contains(k));
                }
            }
            var items = changed.Count == 0 ? [] : await feed.BatchGet(changed.OrderBy(k => k.Type, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToList());
            var fetched = new Dictionary<Key, JsonElement>();
            foreach (var item in items)
            {
                fetched[KeyOf(item)] = ConfigItemSecrets.Without(item);
            }
            var removed = previous.Where(p => deleted.Contains(p.Key) || (changed.Contains(p.Key) && !fetched.ContainsKey(p.Key))).Select(p => p.Arn).OfType<string>().ToList();
            var path = SnapshotLayout.ConfigFile(run.AccountDirectory(accountId), region);
            var kept = previous.Where(p => !deleted.Contains(p.Key) && !changed.Contains(p.Key)).Select(p => ConfigItemSecrets.Without(p.Item));
            await SnapshotWriter.WriteListAsync(path, feed.Property, Stream(kept.Concat(fetched.Values)), cancellationToken);
            run.Progress.Log($"account {accountId}, region {region}: {fetched.Count} changed, {deleted.Count} deleted since {since}");
            // Every type the feed named (a resource changed and changed back is still a change), and those of the deletions found by counting.
            var types = changed.Concat(deleted).Concat(named).Select(k => k.Type).ToHashSet(StringComparer.Ordinal);
            return new ConfigChanges(fetched.Values.Select(i => Text(i, "arn")).Where(a => a.Length > 0).ToList(), removed, types);
        }
    }

    /// <summary>
    /// Why the recorder's change feed cannot be trusted since <paramref name="since"/>: no recorder recording, or one
    /// (re)started since (changes while it was off were never recorded). Null when it can.
    /// </summary>
    private static string? RecorderProblem(JsonElement status, DateTimeOffset since)
    {
        var recorders = status.TryGetProperty("ConfigurationRecordersStatus", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        var recording = recorders.Where(r => r.TryGetProperty("recording", out var on) && on.ValueKind == JsonValueKind.True).ToList();
        if (recording.Count == 0)
        {
            return "the Config recorder is not recording (changes may not have been recorded)";
        }
        if (recording.All(r => Time(r, "lastStartTime") is not { } started || started > since))
        {
            return "the Config recorder was (re)started since the previous collection (changes while it was off were not recorded)";
        }
        return null;
    }

    /// <summary>Why the aggregator's copy of the account and region cannot be trusted: its last update failed, or it is not a source.</summary>
    private static string? SourceProblem(IReadOnlyList<JsonElement> sources, string accountId, string region)
    {
        var source = sources.FirstOrDefault(s => Text(s, "SourceId") == accountId && Text(s, "AwsRegion") == region);
        if (source.ValueKind != JsonValueKind.Object)
        {
            return "the aggregator lists no source status for this account and region";
        }
        var status = Text(source, "LastUpdateStatus");
        return status == "SUCCEEDED" ? null : $"the aggregator's last update from this account and region is {(status.Length == 0 ? "unknown" : status)} ({Text(source, "LastErrorCode")})";
    }

    private static List<(Key, string?, JsonElement)> PreviousItems(JsonElement root, string property, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path} has no {property} list (it is not what collect writes)");
        }
        var items = new List<(Key, string?, JsonElement)>();
        foreach (var item in list.EnumerateArray())
        {
            var key = item.ValueKind == JsonValueKind.Object ? KeyOf(item) : default;
            if (string.IsNullOrEmpty(key.Type) || string.IsNullOrEmpty(key.Id))
            {
                throw new SnapshotFormatException($"{path}: an item without resourceType and resourceId");
            }
            items.Add((key, Text(item, "arn") is { Length: > 0 } arn ? arn : null, item));
        }
        return items;
    }

    /// <summary>A resource's last item says it is gone. https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html</summary>
    private static bool IsDeleted(JsonElement row) => Text(row, "configurationItemStatus") is "ResourceDeleted" or "ResourceDeletedNotRecorded";

    private static Key KeyOf(JsonElement row) => new(Text(row, "resourceType"), Text(row, "resourceId"));

    private static string Text(JsonElement row, string key) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>A time as AWS's JSON protocol sends it (epoch seconds) or as text.</summary>
    private static DateTimeOffset? Time(JsonElement element, string key) =>
        !element.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000))
        : value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : null;

    /// <summary>Every item, each a copy of its own: a client's items are readable only until the next is asked.</summary>
    private static async Task<IReadOnlyList<JsonElement>> ToListAsync(IAsyncEnumerable<JsonElement> items)
    {
        var list = new List<JsonElement>();
        await foreach (var item in items)
        {
            list.Add(item.Clone());
        }
        return list;
    }

[System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex ResourceType();

#pragma warning disable CS1998 // an async enumerable over a list already in memory
    private static async IAsyncEnumerable<JsonElement> Stream(IEnumerable<JsonElement> items)
#pragma warning restore CS1998
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }
}
