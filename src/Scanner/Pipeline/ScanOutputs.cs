using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Writes a scan's files: OUT/findings.json, OUT/report.html, and per customer
/// OUT/customers/&lt;id&gt;/findings.json and report.html holding that customer's data only.
/// </summary>
internal static class ScanOutputs
{
    public static async Task<IReadOnlyList<string>> WriteAsync(ScanResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        // The estate's report, then each customer's: null stands for the whole estate.
        var customers = result.Estate.Customers.Cast<Rules.Estates.Customer?>().Prepend(null).ToList();
        // Each report is written on its own core: at a million resources they are seconds of work each.
        var written = new string[customers.Count][];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, customers.Count),
            new ParallelOptions { CancellationToken = cancellationToken },
            async (i, token) => written[i] = customers[i] is { } customer
                ? await WriteOneAsync(CustomerScope.For(result, customer.Id), Path.Combine(directory, "customers", customer.Id), customer.Name, token)
                : await WriteOneAsync(result, directory, "AWS estate", token));
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
