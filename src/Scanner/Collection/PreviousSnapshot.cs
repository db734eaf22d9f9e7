using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The snapshot an incremental collection (<c>collect --since DIR</c>) starts from, and what of it can be trusted:
/// a part collected with a gap, from another Config source, for other accounts or regions, or a snapshot from the
/// future (clock skew) is collected in full again. The previous snapshot is only read, never changed.
/// </summary>
internal sealed class PreviousSnapshot
{
    /// <summary>
    /// How far before the previous collection's start the change feed is read: Config records a change minutes after it
    /// happens (its capture time is earlier than when it becomes visible), and our clock and AWS's may differ a little.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(1);

    private readonly HashSet<string> _accounts;
    private readonly HashSet<string> _regions;
    private readonly List<CoverageGap> _gaps;

    private PreviousSnapshot(string directory, DateTimeOffset collectedAt, HashSet<string> accounts, HashSet<string> regions, List<CoverageGap> gaps)
    {
        (Directory, CollectedAt, _accounts, _regions, _gaps) = (directory, collectedAt, accounts, regions, gaps);
    }

    public string Directory { get; }
    public DateTimeOffset CollectedAt { get; }

    /// <summary>Config's changes are asked for from this time on.</summary>
    public DateTimeOffset Since => CollectedAt - Overlap;

    /// <summary>
    /// The previous snapshot, or why none of it can be trusted (then every account is collected in full).
    /// <paramref name="configSource"/> is this run's (<see cref="ConfigSourceOf"/>): the previous run's must be the same.
    /// </summary>
    public static (PreviousSnapshot? Snapshot, string? Problem) Load(string directory, string configSource, DateTimeOffset now, InputLimits limits)
    {
        var path = Path.Combine(directory, SnapshotLayout.CollectionFile);
        if (!File.Exists(path))
        {
            return (null, $"the previous snapshot has no {SnapshotLayout.CollectionFile} ({path})");
        }
        var contents = CollectionFile.Read(path, directory, limits);
        if (contents.Problem is not null || contents.CollectedAt is null)
        {
            return (null, $"the previous snapshot's {SnapshotLayout.CollectionFile} is unusable: {contents.Problem ?? contents.Warning ?? "no collectedAt"}");
        }
        try
        {
            using var document = AwsJson.Open(path, directory, limits);
            var root = document.RootElement;
            var source = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.String ? config.GetString() : null;
            if (source != configSource)
            {
                return (null, $"the previous snapshot read Config from {source ?? "(not recorded)"}, this collection from {configSource}");
            }
            if (contents.CollectedAt > now)
            {
                return (null, $"the previous snapshot was collected at {contents.CollectedAt:yyyy-MM-ddTHH:mm:ssZ}, after this collection's start {now:yyyy-MM-ddTHH:mm:ssZ} (clock skew)");
            }
            return (new PreviousSnapshot(directory, contents.CollectedAt.Value, Strings(root, "accounts"), Strings(root, "regions"), contents.Gaps), null);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return (null, $"the previous snapshot's {SnapshotLayout.CollectionFile} is unusable: {ex.Message}");
        }
    }

    /// <summary>Where Config is read from, as collection.json records it: "direct", or the aggregator.</summary>
    public static string ConfigSourceOf(AwsSettings settings) =>
        settings.Aggregator is { } a ? $"aggregator {a.Name} in {a.AccountId} {a.Region}" : "direct";

    /// <summary>
    /// Why this (account, region, source) cannot start from the previous snapshot, or null when it can. A gap of the
    /// source, of the role or of the snapshot last time means the previous files are not the account's whole state.
    /// </summary>
    public string? WhyNot(string accountId, string region, string source)
    {
        if (!_accounts.Contains(accountId) || !_regions.Contains(region))
        {
            return $"the previous snapshot did not collect account {accountId} in {region}";
        }
        var gap = _gaps.FirstOrDefault(g => g.AccountId == accountId && (g.Region is null || g.Region == region)
            && (g.Source == source || g.Source is CoverageGap.Sources.AssumeRole or CoverageGap.Sources.Snapshot));
        return gap is null ? null : $"the previous snapshot has a gap there ({gap.Source}: {gap.Reason})";
    }

    public string AccountDirectory(string accountId) => SnapshotLayout.Account(Directory, accountId);

    private static HashSet<string> Strings(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : throw new SnapshotFormatException($"{property} is missing or not a list");

    /// <summary>A time as Config's advanced query compares it.</summary>
    public static string QueryTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
