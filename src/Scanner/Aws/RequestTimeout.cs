namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// One attempt at a call, bounded in time: past the limit it is a <see cref="TimeoutException"/> naming the call, which
/// the retry policy treats as a network error, while the caller's own cancellation stays a cancellation.
/// </summary>
internal static class RequestTimeout
{
    public static async Task<T> BoundAsync<T>(TimeSpan limit, string call, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await attempt(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{call} did not answer within {limit.TotalSeconds:0.#} s");
        }
    }
}
