namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>What the clients did so far: shown as progress, summed in collection.json.</summary>
internal sealed class AwsCallStatistics
{
    private long _requests;
    private long _throttles;
    private long _retries;

    public long Requests => Interlocked.Read(ref _requests);
    public long Throttles => Interlocked.Read(ref _throttles);
    public long Retries => Interlocked.Read(ref _retries);

    public void Request() => Interlocked.Increment(ref _requests);
    public void Throttled() => Interlocked.Increment(ref _throttles);
    public void Retried() => Interlocked.Increment(ref _retries);
}
