using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Writes a scan's files, in each format asked for (by default findings.json and report.html): into OUT/, and per
/// customer into OUT/customers/&lt;id&gt;/, holding that customer's data only, in every format.
/// A scan of one customer read no other account: it writes that customer's files only, and its
/// OUT/ files are that customer's too, so that no report claims (as "Coverage: complete", with no
/// findings) accounts that were never read.
/// </summary>
internal static class ScanOutputs
{
    /// <summary>What a scan writes when no --format is given: the JSON every other format can be rendered from, and the page people read.</summary>
    public static IReadOnlyList<ReportFormat> DefaultFormats { get; } = [ReportFormat.Json, ReportFormat.Html];

    /// <param name="result">The scan, as it is to be written (already cut to the --status asked for).</param>
    /// <param name="directory">OUT.</param>
    /// <param name="customer">The customer the scan was limited to; null: the whole estate was scanned.</param>
    /// <param name="formats">The files to write in each directory, in this order.</param>
    /// <param name="homeRegion">ASFF's Security Hub region for global resources; null: the estate's first region.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        ScanResult result, string directory, string? customer, IReadOnlyList<ReportFormat> formats, string? homeRegion, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var scoped = customer is null ? result : CustomerScope.For(result, customer);
        var title = customer is null ? "AWS estate" : result.Estate.Customers.First(c => c.Id == customer).Name;
        // The scan's own files, then each customer's it covers: null stands for the scan's own.
        var customers = result.Estate.Customers.Where(c => customer is null || c.Id == customer).Cast<Rules.Estates.Customer?>().Prepend(null).ToList();
        // Every file of every directory is a job, taken in order by as many writers as a directory has formats (one core each):
        // a writer that ends early (findings.json before report.html) goes on to the next directory's files rather than wait.
        // A customer's copy of the findings is made when the first of its files starts and dropped when the last ends: at
        // a million resources two whole report models side by side, and what they leave behind, were hundreds of megabytes.
        var outputs = customers.Select(c => c is { } one
            ? new Output(() => customer is null ? CustomerScope.For(result, one.Id) : scoped, Path.Combine(directory, "customers", one.Id),
                new ReportOptions { Title = one.Name, HomeRegion = homeRegion }, formats.Count)
            : new Output(() => scoped, directory, new ReportOptions { Title = title, HomeRegion = homeRegion }, formats.Count)).ToList();
        var files = outputs.SelectMany(o => formats.Select(f => Path.Combine(o.Directory, ReportFormats.FileName(f)))).ToArray();
        var garbage = new GarbageBound(WritingHeadroom);
        var next = -1;
        var failed = false;
        async Task WriterAsync()
        {
            for (int job; !Volatile.Read(ref failed) && (job = Interlocked.Increment(ref next)) < files.Length;)
            {
                var output = outputs[job / formats.Count];
                try
                {
                    var scan = output.Take();
                    // Whole or not at all: a failure half-way must not leave a truncated file where the last scan's was.
                    await AtomicFile.WriteAsync(files[job], stream => ReportFormats.WriteAsync(formats[job % formats.Count], scan, stream, output.Options, cancellationToken),
                        cancellationToken);
                }
                catch
                {
                    // The other writers end the file they are writing and take no other: the first failure is the one thrown.
                    Volatile.Write(ref failed, true);
                    throw;
                }
                output.Done();
                lock (garbage)
                {
                    garbage.CollectIfGrown();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, formats.Count).Select(_ => Task.Run(WriterAsync, cancellationToken)));
        return files;
    }

    /// <summary>
    /// Writes every format of a few of the scan's findings (and one customer's cut of them) to nowhere, so that what a
    /// process pays once for its first report (compiling the writers, the page's components) is paid while the history is
    /// recorded, on the core its one thread leaves idle, and not by the writers. The scan as evaluated, before the store
    /// gives its statuses: each finding here is new. Nothing is written and nothing is kept; a failure is left for the
    /// writing itself to meet.
    /// </summary>
    public static Task WarmUpAsync(ScanResult evaluated, IReadOnlyList<ReportFormat> formats, string? homeRegion, CancellationToken cancellationToken)
    {
        // Made here, and no lambda names the scan: the task holds these few findings, not the scan's.
        var startedAt = evaluated.StartedAt;
        var sample = evaluated with
        {
            Findings = [.. evaluated.Findings.Take(WarmUpFindings).Select(f => f with { Status = FindingStatus.New, FirstSeen = startedAt })],
        };
        return Task.Run(async () =>
        {
            var scans = sample.Estate.Customers.Take(1).Select(c => CustomerScope.For(sample, c.Id)).Prepend(sample);
            try
            {
                foreach (var scan in scans)
                {
                    foreach (var format in formats)
                    {
                        await ReportFormats.WriteAsync(format, scan, Stream.Null, new ReportOptions { Title = "warm-up", HomeRegion = homeRegion }, cancellationToken);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The same scan's real writing meets the same failure and reports it; a warm-up only saves time.
            }
        }, cancellationToken);
    }

    /// <summary>Enough findings to run every branch the writers take for a finding, few enough to cost nothing.</summary>
    private const int WarmUpFindings = 256;

    /// <summary>
    /// Less than judging's headroom: a directory's garbage (at a million resources, hundreds of MB for each) is all
    /// dead once it is written, and what is live while writing is the findings alone, so a collection here is cheap.
    /// </summary>
    private const long WritingHeadroom = 48L * 1024 * 1024;

    /// <summary>A directory of files, the scan they are written from made by the first to start and dropped after the last.</summary>
    private sealed class Output(Func<ScanResult> make, string directory, ReportOptions options, int files)
    {
        private readonly Lock _lock = new();
        private ScanResult? _scan;
        private int _left = files;

        public string Directory { get; } = directory;

        public ReportOptions Options { get; } = options;

        public ScanResult Take()
        {
            lock (_lock)
            {
                if (_scan is null)
                {
                    System.IO.Directory.CreateDirectory(Directory);
                    _scan = make();
                }
                return _scan;
            }
        }

        public void Done()
        {
            lock (_lock)
            {
                if (--_left == 0)
                {
                    _scan = null;
                }
            }
        }
    }
}
