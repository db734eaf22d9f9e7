namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// A view of the whole estate that every part of a scan judges against (the principal graph, the network), for the
/// scan a worker process is judging parts of: built by the first part that asks, shared by every later part of that
/// scan in the process. One slot: a worker that moves on to the next scan lets the last view go. Each worker process
/// builds its own from the scan's data, so no part waits on another machine, and a part retried elsewhere (its worker
/// died) gets the view built from the same data (see docs/engine.md).
/// </summary>
internal sealed class ScanViewCache<TView>
    where TView : class
{
    private readonly Lock _lock = new();
    private string? _scanId;
    private Lazy<Task<TView>>? _view;

    public Task<TView> ForScanAsync(string scanId, Func<Task<TView>> build)
    {
        lock (_lock)
        {
            // A build that failed is tried again by the next part (Hangfire retries it), not remembered.
            if (_scanId != scanId || _view is null || _view.Value.IsFaulted || _view.Value.IsCanceled)
            {
                _scanId = scanId;
                _view = new Lazy<Task<TView>>(build);
            }
            return _view.Value;
        }
    }
}
