using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// A source without a change feed of its own that a second night copies from the previous snapshot while CloudTrail's
/// event history shows no write event that could change it (docs/collect.md, "Incremental collection"): which events
/// change it, and which previous files are its whole output (in the order they are written: a list after the files it
/// names). <see cref="Files"/> throws <see cref="InvalidDataException"/> with the reason when the previous output must be
/// read again anyway (a state AWS moves on by itself, a deletion that may touch what it lists).
/// </summary>
internal sealed record TrailWatchedSource(string Source, Func<TrailEvent, bool> Changes, Func<PreviousFiles, IReadOnlyList<string>> Files)
{
    /// <summary>AWS RAM: every call of RAM's changes shares; a resource deleted (any service's Delete call) leaves the shares that list it.</summary>
    public static readonly TrailWatchedSource Ram = new(CoverageGap.Sources.Ram, e => e.EventSource == "ram.amazonaws.com", previous =>
    {
        var files = SnapshotLayout.RamCommands.All.Select(c => SnapshotLayout.RamFile(previous.Account, previous.Region, c)).ToList();
        previous.Require(files[0], "resourceShares", "status", "ACTIVE");
        var resources = previous.Require(files[1], "resources", "status", "AVAILABLE");
        previous.Require(files[2], "principals", null, null);
        if (resources.Count > 0 && previous.Events.FirstOrDefault(e => e.EventName.StartsWith("Delete", StringComparison.Ordinal)) is { } deleted)
        {
            throw new InvalidDataException($"{deleted.EventSource}:{deleted.EventName} may have deleted a shared resource");
        }
        return files;
    });

    /// <summary>CloudWatch Logs' resource policies: set by PutResourcePolicy, removed by DeleteResourcePolicy (any Logs call naming a policy).</summary>
    public static readonly TrailWatchedSource Logs = new(ServiceResourcePolicies.LogsSource, e => Named(e, "logs.amazonaws.com", "Policy"), previous =>
    {
        var file = SnapshotLayout.LogsPoliciesFile(previous.Account, previous.Region);
        previous.Require(file, "resourcePolicies", null, null);
        return [file];
    });

    /// <summary>Glue's resource policies: Glue's policy calls, and Lake Formation's cross-account grants (through AWS RAM).</summary>
    public static readonly TrailWatchedSource Glue = new(ServiceResourcePolicies.GlueSource,
        e => Named(e, "glue.amazonaws.com", "Policy") || e.EventSource is "lakeformation.amazonaws.com" or "ram.amazonaws.com", previous =>
        {
            var file = SnapshotLayout.GluePoliciesFile(previous.Account, previous.Region);
            previous.Require(file, "GetResourcePoliciesResponseList", null, null);
            return [file];
        });

    /// <summary>Lambda layers and their latest version's policy: every Lambda call on a layer names it (PublishLayerVersion, AddLayerVersionPermission20181031, ...).</summary>
    public static readonly TrailWatchedSource LambdaLayers = new(ServiceResourcePolicies.LambdaLayersSource, e => Named(e, "lambda.amazonaws.com", "Layer"), previous =>
    {
        var list = SnapshotLayout.LayersFile(previous.Account, previous.Region);
        var files = previous.Require(list, "Layers", null, null)
            .Select(l => SnapshotLayout.LayerPolicyFile(previous.Account, previous.Region, l.GetProperty("LayerName").GetString()!, l.GetProperty("LatestMatchingVersion").GetProperty("Version").GetInt64()))
            .ToList();
        return [.. files, list];
    });

    /// <summary>
    /// The account's EBS snapshots: EC2's calls on snapshots (each names them: CreateSnapshot, ModifySnapshotAttribute, ...),
    /// on images (CreateImage, RegisterImage and CopyImage make the snapshots behind an AMI), on tags (CreateTags,
    /// DeleteTags: a snapshot's tags are in the list), and EBS direct APIs' (StartSnapshot).
    /// </summary>
    public static readonly TrailWatchedSource Snapshots = new(ServiceResourcePolicies.Ec2SnapshotsSource,
        e => Named(e, "ec2.amazonaws.com", "Snapshot", "Image", "Tags") || e.EventSource == "ebs.amazonaws.com",
        previous => Sharing(previous, SnapshotLayout.SnapshotsFile(previous.Account, previous.Region), "Snapshots", "SnapshotId", "completed",
            id => SnapshotLayout.SnapshotAttributeFile(previous.Account, previous.Region, id)));

    /// <summary>The account's AMIs: EC2's calls on images (CreateImage, ModifyImageAttribute, DeregisterImage, ...) and on tags.</summary>
    public static readonly TrailWatchedSource Images = new(ServiceResourcePolicies.Ec2ImagesSource, e => Named(e, "ec2.amazonaws.com", "Image", "Tags"),
        previous => Sharing(previous, SnapshotLayout.ImagesFile(previous.Account, previous.Region), "Images", "ImageId", "available",
            id => SnapshotLayout.ImageAttributeFile(previous.Account, previous.Region, id)));

    private static IReadOnlyList<string> Sharing(PreviousFiles previous, string list, string listName, string idName, string settled, Func<string, string> attribute) =>
        [.. previous.Require(list, listName, "State", settled).Select(i => attribute(i.GetProperty(idName).GetString()!)), list];

    private static bool Named(TrailEvent e, string eventSource, params string[] nouns) =>
        e.EventSource == eventSource && nouns.Any(n => e.EventName.Contains(n, StringComparison.Ordinal));
}

/// <summary>The previous snapshot's files of one account and region, read within the input limits, and the region's write events.</summary>
internal sealed class PreviousFiles(IncrementalState state, string account, string region, IReadOnlyList<TrailEvent> events)
{
    public string Account { get; } = account;
    public string Region { get; } = region;
    public IReadOnlyList<TrailEvent> Events { get; } = events;

    /// <summary>
    /// The items of the list <paramref name="listName"/> in <paramref name="path"/>; throws when the file is not that shape or
    /// an item's <paramref name="stateName"/> is not <paramref name="settled"/> (AWS moves such a state on without a call of the account).
    /// </summary>
    public IReadOnlyList<JsonElement> Require(string path, string listName, string? stateName, string? settled)
    {
        using var document = state.Open(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} has no {listName} list");
        }
        var items = list.EnumerateArray().Select(i => i.Clone()).ToList();
        if (stateName is not null && items.FirstOrDefault(i => i.ValueKind != JsonValueKind.Object || !i.TryGetProperty(stateName, out var s) || s.ValueKind != JsonValueKind.String || s.GetString() != settled) is { ValueKind: not JsonValueKind.Undefined })
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} lists an item whose {stateName} is not {settled}");
        }
        return items;
    }
}
