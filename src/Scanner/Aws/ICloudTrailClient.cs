namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// CloudTrail's event history of an account in a region: the management events of the last 90 days, recorded in every
/// account and region by default at no cost (LookupEvents, 2 requests a second per account and region, 50 events a page).
/// A second night reads the write events since the previous collection to learn which sources without a change feed of
/// their own (AWS RAM, the Logs, Glue and Lambda layer policies, EBS snapshots and AMIs) changed.
/// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
/// </summary>
internal interface ICloudTrailClient
{
    /// <summary>
    /// Every write event (<c>ReadOnly</c> <c>false</c>) at or after <paramref name="since"/>, every page up to
    /// <paramref name="maxPages"/>; more pages than that, or an answer that is not LookupEvents' shape, throws
    /// <see cref="InvalidDataException"/> (the caller then reads every source in full).
    /// </summary>
    Task<IReadOnlyList<TrailEvent>> LookupWriteEventsAsync(AwsContext context, DateTimeOffset since, int maxPages, CancellationToken cancellationToken);
}

/// <summary>One event of the history: the service that recorded it (<c>ram.amazonaws.com</c>) and the call (<c>CreateResourceShare</c>).</summary>
internal sealed record TrailEvent(string EventSource, string EventName);
