using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>Hangfire's client for jobs that a test runs itself, one at a time, in the order they were enqueued.</summary>
internal sealed class JobQueue : IBackgroundJobClient
{
    private readonly Queue<Job> _jobs = new();

    public string Create(Job job, IState state)
    {
        _jobs.Enqueue(job);
        return _jobs.Count.ToString(CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => throw new NotSupportedException();

    public bool TryTake([NotNullWhen(true)] out Job? job) => _jobs.TryDequeue(out job);

    public List<Job> TakeAll()
    {
        var all = _jobs.ToList();
        _jobs.Clear();
        return all;
    }
}
