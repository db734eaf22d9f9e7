using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Writes a scan's files: OUT/findings.json, OUT/report.html, and per customer
/// OUT/customers/&lt;id&gt;/findings.json and report.html holding that customer's data only.
/// A scan of one customer read no other account: it writes that customer's files only, and its
/// OUT/ report is that customer's too, so that no report claims (as "Coverage: complete", with no
/// findings) accounts that were never read.
/// </summary>
internal static class ScanOutputs
{
    /// <param name="customer">The customer the scan was limited to; null: the whole estate was scanned.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(ScanResult result, string directory, string? customer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var scoped = customer is null ? result : CustomerScope.For(result, customer);
        var title = customer is null ? "AWS estate" : result.Estate.Customers.First(c => c.Id == customer).Name;
        // The scan's own report, then each customer's it covers: null stands for the scan's own.
        var customers = result.Estate.Customers.Where(c => customer is null || c.Id == customer).Cast<Rules.Estates.Customer?>().Prepend(null).ToList();
        // Each report is written on its own core: at a million resources they are seconds of work each.
        var written = new string[customers.Count][];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, customers.Count),
            new ParallelOptions { CancellationToken = cancellationToken },
            async (i, token) => written[i] = customers[i] is { } c
                ? await WriteOneAsync(customer is null ? CustomerScope.For(result, c.Id) : scoped, Path.Combine(directory, "customers", c.Id), c.Name, token)
                : await WriteOneAsync(scoped, directory, title, token));
        return [.. written.SelectMany(files => files)];
    }

    private static async Task<string[]> WriteOneAsync(ScanResult result, string directory, string title, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "findings.json");
        await AtomicFile.WriteAsync(json, stream =>
        {
            FindingsJson.Write(stream, result);
            return Task.CompletedTask;
        }, cancellationToken);
        var html = Path.Combine(directory, "report.html");
        var page = await new HtmlReportRenderer().RenderAsync(result, title, cancellationToken);
        await AtomicFile.WriteAsync(html, stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(page), cancellationToken).AsTask(), cancellationToken);
        return [json, html];
    }
}
