using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>
/// Writes a scan's files: OUT/findings.json, OUT/report.html, and per customer
/// OUT/customers/&lt;id&gt;/findings.json and report.html holding that customer's data only.
/// </summary>
internal static class ScanOutputs
{
    public static async Task<IReadOnlyList<string>> WriteAsync(ScanResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var renderer = new HtmlReportRenderer();
        await WriteOneAsync(renderer, result, directory, "AWS estate", written, cancellationToken);
        foreach (var customer in result.Estate.Customers)
        {
            var scoped = CustomerScope.For(result, customer.Id);
            await WriteOneAsync(renderer, scoped, Path.Combine(directory, "customers", customer.Id), customer.Name, written, cancellationToken);
        }
        return written;
    }

    private static async Task WriteOneAsync(
        HtmlReportRenderer renderer, ScanResult result, string directory, string title, List<string> written, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "findings.json");
        await using (var stream = File.Create(json))
        {
            FindingsJson.Write(stream, result);
        }
        var html = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(html, await renderer.RenderAsync(result, title, cancellationToken), cancellationToken);
        written.Add(json);
        written.Add(html);
    }
}
