namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Sends the requests held at the wire by a bucket of a short interval (<see cref="RateLimiters"/>: STS's 20 ms), each
/// at its time, from a thread of its own: the bucket counts the request sent and its send continues on that thread, so
/// nothing stands between its time and the wire. The runtime's timers did not do: they all fire from one thread, which
/// hands all but the first due to the thread pool, and under load a held AssumeRole left p50 5 ms, p90 21 ms late.
/// </summary>
/// <remarks>
/// The thread waits on the limiter's clock: for the remaining time, rounded up to the millisecond, then asks the bucket
/// again, which sends only what is due then, so nothing leaves before its time whatever the clock (a test's fake clock is
/// looked at as often as it says). It starts with the first request held and ends when the limiter is disposed.
/// </remarks>
internal sealed class WirePacer(TimeProvider time) : IDisposable
{
    /// <summary>What the pacer wakes: sends what is due now and says when it is next due (a clock timestamp), if ever.</summary>
    public interface IPaced
    {
        long? SendDue();
    }

    private readonly PriorityQueue<IPaced, long> _due = new();
    private readonly object _gate = new();
    private Thread? _thread;
    private bool _disposed;

    /// <summary>Wakes <paramref name="paced"/> at <paramref name="at"/> (a timestamp of the clock) or soon after.</summary>
    public void Schedule(IPaced paced, long at)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _due.Enqueue(paced, at);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "guardrails wire pacer" };
                _thread.Start();
            }
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        while (Next() is { } paced)
        {
            if (paced.SendDue() is { } next)
            {
                Schedule(paced, next);
            }
        }
    }

    /// <summary>The next one due, once its time has come; null once disposed.</summary>
    private IPaced? Next()
    {
        lock (_gate)
        {
            while (!_disposed)
            {
                if (!_due.TryPeek(out var paced, out var at))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                var remaining = time.GetElapsedTime(time.GetTimestamp(), at);
                if (remaining <= TimeSpan.Zero)
                {
                    _due.Dequeue();
                    return paced;
                }
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)));
            }
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _due.Clear();
            Monitor.Pulse(_gate);
        }
    }
}
