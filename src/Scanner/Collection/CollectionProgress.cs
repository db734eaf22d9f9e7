using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Progress on standard error: one live line (accounts done/total, requests, throttles, gaps) when a
/// person watches; timestamped log lines when the output goes to a file. Every line passes through
/// the secret registry.
/// </summary>
internal sealed class CollectionProgress(TextWriter writer, bool interactive, TimeProvider time, AwsCallStatistics statistics, SecretRegistry secrets) : IDisposable
{
    /// <summary>How often the live line is redrawn: often enough to look alive, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(500);

    private int _accountsDone;
    private int _accountsTotal;
    private int _gaps;
    private ITimer? _timer;

    public void Start(int accounts, int regions)
    {
        _accountsTotal = accounts;
        Log($"collecting {accounts} accounts x {regions} regions");
        if (interactive)
        {
            _timer = time.CreateTimer(_ => Draw(), null, RedrawInterval, RedrawInterval);
        }
    }

    public void AccountDone(string accountId)
    {
        var done = Interlocked.Increment(ref _accountsDone);
        if (!interactive)
        {
            Log($"account {accountId} done ({done}/{_accountsTotal}); {statistics.Requests} requests, {statistics.Throttles} throttled, {Volatile.Read(ref _gaps)} gaps");
        }
    }

    public void Gap(CoverageGap gap)
    {
        Interlocked.Increment(ref _gaps);
        Log($"gap: account {gap.AccountId}, region {gap.Region ?? "(all)"}, {gap.Source}: {gap.Reason}");
    }

    public void Log(string message)
    {
        message = secrets.Redact(message);
        lock (writer)
        {
            writer.Write(interactive ? "\r\u001b[2K" + message + Environment.NewLine : $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} {message}{Environment.NewLine}");
            writer.Flush();
        }
    }

    private void Draw()
    {
        lock (writer)
        {
            writer.Write($"\r\u001b[2Kaccounts {Volatile.Read(ref _accountsDone)}/{_accountsTotal}, {statistics.Requests} requests, {statistics.Throttles} throttled, {statistics.Retries} retries, {Volatile.Read(ref _gaps)} gaps");
            writer.Flush();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (interactive)
        {
            lock (writer)
            {
                writer.Write("\r\u001b[2K");
                writer.Flush();
            }
        }
    }
}
