using Ocado.Guardrails.Rules.Graph;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// The principal graph of the scan a worker process is judging parts of: built by the first part that
/// asks, shared by every later part of that scan in the process. One slot: a worker that moves on to
/// the next scan lets the last graph go. Each worker process still builds its own (see
/// docs/principal-graph.md for what sharing one graph across workers would take).
/// </summary>
internal sealed class ScanGraphCache
{
    private readonly Lock _lock = new();
    private string? _scanId;
    private Lazy<Task<PrincipalGraph>>? _graph;

    public Task<PrincipalGraph> ForScanAsync(string scanId, Func<Task<PrincipalGraph>> build)
    {
        lock (_lock)
        {
            // A build that failed is tried again by the next part (Hangfire retries it), not remembered.
            if (_scanId != scanId || _graph is null || _graph.Value.IsFaulted || _graph.Value.IsCanceled)
            {
                _scanId = scanId;
                _graph = new Lazy<Task<PrincipalGraph>>(build);
            }
            return _graph.Value;
        }
    }
}
