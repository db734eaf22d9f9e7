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
        // One directory at a time, each customer's copy of the findings made just before its files and dropped after: at
        // a million resources two report models side by side, and what they leave behind, were hundreds of megabytes.
        var written = new string[customers.Count][];
        var garbage = new GarbageBound(WritingHeadroom);
        for (var i = 0; i < customers.Count; i++)
        {
            written[i] = customers[i] is { } c
                ? await WriteOneAsync(customer is null ? CustomerScope.For(result, c.Id) : scoped, Path.Combine(directory, "customers", c.Id), formats,
                    new ReportOptions { Title = c.Name, HomeRegion = homeRegion }, cancellationToken)
                : await WriteOneAsync(scoped, directory, formats, new ReportOptions { Title = title, HomeRegion = homeRegion }, cancellationToken);
            garbage.CollectIfGrown();
        }
        return [.. written.SelectMany(files => files)];
    }

    /// <summary>
    /// Less than judging's headroom: a directory's garbage (at a million resources, hundreds of MB for each) is all
    /// dead once it is written, and what is live while writing is the findings alone, so a collection here is cheap.
    /// </summary>
    private const long WritingHeadroom = 48L * 1024 * 1024;

    private static async Task<string[]> WriteOneAsync(
        ScanResult result, string directory, IReadOnlyList<ReportFormat> formats, ReportOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var files = formats.Select(f => Path.Combine(directory, ReportFormats.FileName(f))).ToArray();
        // The formats of a directory are written side by side, one core each (findings.json beside report.html): each only
        // reads the scan, and what a writer holds beyond it is its own. Whole or not at all: a failure half-way must not
        // leave a truncated file where the last scan's was; the first failure is the one thrown, after every writer ended.
        await Task.WhenAll(formats.Select((format, i) => Task.Run(
            () => AtomicFile.WriteAsync(files[i], stream => ReportFormats.WriteAsync(format, result, stream, options, cancellationToken), cancellationToken),
            cancellationToken)));
        return files;
    }
}
