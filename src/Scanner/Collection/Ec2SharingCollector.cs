using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Who the account's own EBS snapshots and AMIs are shared with, in one region: the list, then one attribute call per
/// snapshot or image (AWS has no call that answers for many), all under the (account, region, ec2) rate the network's
/// calls share. Snapshots and images are each their own gap (<c>ec2:snapshots</c>, <c>ec2:images</c>) naming the call
/// that failed or was denied; the list file is written last, so a region never has a snapshot without its attribute.
/// Neither has a change feed (AWS Config records neither type): a second night copies them where CloudTrail's write
/// events show no call on snapshots, images or tags (<see cref="TrailWatchedSource"/>), and reads them whole otherwise.
/// </summary>
internal static class Ec2SharingCollector
{
    /// <summary>Attribute calls in flight per region: the rate limiter, not this, sets the pace; this only hides the latency.</summary>
    private const int Concurrency = 4;

    public static IEnumerable<Task> Start(CollectionRun run, AwsContext context, Task<TrailChanges?> trail, CancellationToken cancellationToken)
    {
        var ec2 = run.Clients.Ec2Sharing;
        var account = run.AccountDirectory(context.AccountId);
        return
        [
            TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.Snapshots, () => CollectAsync(
                new Kind("Snapshots", "SnapshotId", "InvalidSnapshot.NotFound", SnapshotLayout.IsSnapshotId,
                    t => ec2.DescribeOwnSnapshotsAsync(context, t), (id, t) => ec2.DescribeSnapshotSharingAsync(context, id, t),
                    SnapshotLayout.SnapshotsFile(account, context.Region), id => SnapshotLayout.SnapshotAttributeFile(account, context.Region, id)),
                cancellationToken), cancellationToken),
            TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.Images, () => CollectAsync(
                new Kind("Images", "ImageId", "InvalidAMIID.NotFound", SnapshotLayout.IsImageId,
                    t => ec2.DescribeOwnImagesAsync(context, t), (id, t) => ec2.DescribeImageSharingAsync(context, id, t),
                    SnapshotLayout.ImagesFile(account, context.Region), id => SnapshotLayout.ImageAttributeFile(account, context.Region, id)),
                cancellationToken), cancellationToken),
        ];
    }

    private sealed record Kind(string ListName, string IdName, string NotFound, Func<string, bool> IsId,
        Func<CancellationToken, Task<JsonElement>> List, Func<string, CancellationToken, Task<JsonElement>> Attribute,
        string ListFile, Func<string, string> AttributeFile);

    private static async Task CollectAsync(Kind kind, CancellationToken cancellationToken)
    {
        var listed = JsonNode.Parse((await kind.List(cancellationToken)).GetRawText())!.AsObject();
        var items = listed[kind.ListName]!.AsArray();
        var ids = items.Select(i => i?[kind.IdName]?.GetValue<string>() ?? "").ToList();
        if (ids.FirstOrDefault(id => !kind.IsId(id)) is { } odd)
        {
            throw new InvalidDataException($"ec2:Describe{kind.ListName}: '{odd}' is not an id a file can be named after: not collected");
        }
        // Deleted between the list and its attribute call (a nightly rotation does this): gone, not a gap.
        var gone = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (id, t) =>
            {
                try
                {
                    await SnapshotWriter.WriteJsonAsync(kind.AttributeFile(id), await kind.Attribute(id, t), t);
                }
                catch (AwsServiceException ex) when (ex.Code == kind.NotFound)
                {
                    gone[id] = true;
                }
            });
        foreach (var item in items.Where(i => gone.ContainsKey(i![kind.IdName]!.GetValue<string>())).ToList())
        {
            items.Remove(item);
        }
        await SnapshotWriter.WriteJsonAsync(kind.ListFile, JsonSerializer.SerializeToElement(listed), cancellationToken);
    }
}
