using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The write events CloudTrail's event history holds for one account and region since the previous collection (less the
/// overlap Config's changes are read with): the change feed of the sources that have none of their own
/// (<see cref="TrailWatchedSource"/>). Asked once a region on a second night, never on a full one.
/// </summary>
internal sealed class TrailChanges(IReadOnlyList<TrailEvent> events)
{
    /// <summary>The source recorded under <c>incremental.full</c> when the history could not be read: every source it stands for is read in full.</summary>
    public const string Source = "cloudtrail";

    /// <summary>
    /// Pages of 50 events read at most (2 a second: 10 seconds of the region's CloudTrail bucket). A region with more
    /// write events than that since the previous collection is busy enough that reading its sources whole costs less.
    /// </summary>
    public const int MaxPages = 20;

    public IReadOnlyList<TrailEvent> Events { get; } = events;

    /// <summary>The first event that may have changed <paramref name="source"/>'s outputs, or null.</summary>
    public TrailEvent? FirstChanging(TrailWatchedSource source) => Events.FirstOrDefault(source.Changes);

    /// <summary>The region's write events since the previous collection; null (after recording why, under <c>incremental.full</c>) when they could not be read.</summary>
    public static async Task<TrailChanges?> LookupAsync(CollectionRun run, IncrementalState state, AwsContext context, CancellationToken cancellationToken)
    {
        try
        {
            return new TrailChanges(await run.Clients.CloudTrail.LookupWriteEventsAsync(context, state.Previous.Since, MaxPages, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            state.Fallback(run, context.AccountId, context.Region, Source,
                $"CloudTrail's event history could not be read ({ex.Message}): AWS RAM, the Logs, Glue and Lambda layer policies, EBS snapshots and AMIs are read in full");
            return null;
        }
    }
}
