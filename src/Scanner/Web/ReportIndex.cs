using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The page at /, the report browser: the latest estate report (operators only) and the latest report of each
/// customer its reader may see, then the history of scans with their counts, newest first, then an "Audit now"
/// button per customer, whose form carries the antiforgery token that <see cref="SameOriginGuard"/> asks of a
/// browser's POST. A reader scoped to customers sees nothing of the others: no link, no name, and no count of an
/// estate-wide scan (those counts are every customer's).
/// </summary>
internal static class ReportIndex
{
    /// <summary>How many scans of each scope the history lists.</summary>
    public const int HistoryLength = 30;

    private const string Style = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1b1f24;background:#fff}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d0d7de}
        td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#0550ae}
        form{display:inline-block;margin:0 .5rem .5rem 0}button{font:inherit;padding:.3rem .8rem}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}a{color:#79c0ff}th,td{border-color:#30363d}}
        """;

    /// <summary>The page's policy: no script at all, this one style block, forms posting only here.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private sealed record Row(ScanTrendPoint Scan, string Scope, bool ShowCounts, IReadOnlyList<(string Href, string Label)> Links);

    public static async Task<IResult> RenderAsync(HttpContext context, string scansDirectory, Estate estate, IFindingsStore store, IAntiforgery antiforgery)
    {
        var identity = context.Features.GetRequiredFeature<ServeIdentity>();
        var token = antiforgery.GetAndStoreTokens(context);
        var visible = estate.Customers.Where(c => identity.MaySee(c.Id)).ToList();
        var rows = await HistoryAsync(scansDirectory, visible, identity.IsOperator, store, context.RequestAborted);

        var html = HtmlEncoder.Default;
        var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Guardrails reports</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><header><h1>Guardrails reports</h1>");
        if (identity.IsOperator)
        {
            page.Append("<nav aria-label=\"Operator\"><a href=\"hangfire\">Jobs (Hangfire dashboard)</a> · <a href=\"reports/\">Every report file</a></nav>");
        }
        page.Append("</header><main><h2>Latest</h2>");
        var latest = new List<(string Label, Row Row, string Href)>();
        if (identity.IsOperator && rows.FirstOrDefault(r => r.Scope == ScanRecord.WholeEstate && r.Links.Count > 0) is { } whole)
        {
            latest.Add(("Whole estate", whole, whole.Links[0].Href));
        }
        foreach (var customer in visible)
        {
            var href = CustomerReport(customer.Id);
            if (rows.FirstOrDefault(r => r.Links.Any(l => l.Href.EndsWith(href, StringComparison.Ordinal))) is { } row)
            {
                latest.Add((customer.Name, row, row.Links.First(l => l.Href.EndsWith(href, StringComparison.Ordinal)).Href));
            }
        }
        if (latest.Count == 0)
        {
            page.Append("<p>No report yet: an audit writes one when it finishes (run one below, or wait for tonight's).</p>");
        }
        else
        {
            page.Append("<ul>");
            foreach (var (label, row, href) in latest)
            {
                page.Append($"<li><a href=\"{html.Encode(href)}\">{html.Encode(label)}</a>, {When(row.Scan.FinishedAt)}</li>");
            }
            page.Append("</ul>");
        }

        page.Append("<h2>History</h2>");
        if (rows.Count == 0)
        {
            page.Append("<p>No scan recorded yet.</p>");
        }
        else
        {
            page.Append("<table><caption class=\"visually-hidden\">Scans, newest first</caption><thead><tr><th scope=\"col\">Finished (UTC)</th><th scope=\"col\">Scope</th>")
                .Append("<th scope=\"col\" class=\"n\">New</th><th scope=\"col\" class=\"n\">Open</th><th scope=\"col\" class=\"n\">Resolved</th><th scope=\"col\" class=\"n\">Suppressed</th><th scope=\"col\">Reports</th></tr></thead><tbody>");
            foreach (var row in rows)
            {
                var scope = row.Scope == ScanRecord.WholeEstate ? "Whole estate" : estate.Customers.First(c => c.Id == row.Scope).Name;
                page.Append($"<tr><td>{When(row.Scan.FinishedAt)}</td><td>{html.Encode(scope)}</td>");
                foreach (var count in new[] { row.Scan.New, row.Scan.Open, row.Scan.Resolved, row.Scan.Suppressed })
                {
                    page.Append("<td class=\"n\">").Append(row.ShowCounts ? count.ToString("N0", CultureInfo.InvariantCulture) : "–").Append("</td>");
                }
                page.Append("<td>").AppendJoin(", ", row.Links.Select(l => $"<a href=\"{html.Encode(l.Href)}\">{html.Encode(l.Label)}</a>"));
                if (row.Links.Count == 0)
                {
                    page.Append("no report written");
                }
                page.Append("</td></tr>");
            }
            page.Append("</tbody></table>");
        }

        page.Append("<h2>Audit now</h2>");
        foreach (var customer in visible)
        {
            page.Append($"<form method=\"post\" action=\"audit/{html.Encode(customer.Id)}\">")
                .Append($"<input type=\"hidden\" name=\"{html.Encode(token.FormFieldName)}\" value=\"{html.Encode(token.RequestToken ?? "")}\">")
                .Append($"<button>{html.Encode(customer.Name)}</button></form>");
        }
        page.Append("</main></body></html>");
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The scans this reader may know of, newest first: the estate-wide ones (with their counts for operators; for a
    /// scoped reader only as the place their customers' reports are) and those of each visible customer.
    /// </summary>
    private static async Task<List<Row>> HistoryAsync(string scansDirectory, IReadOnlyList<Customer> visible, bool isOperator, IFindingsStore store, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var scope in visible.Select(c => c.Id).Prepend(ScanRecord.WholeEstate))
        {
            IReadOnlyList<ScanTrendPoint> scans;
            try
            {
                scans = await store.TrendAsync(scope, HistoryLength, cancellationToken);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                // The tables appear when the first audit starts.
                return rows;
            }
            foreach (var scan in scans)
            {
                var links = new List<(string Href, string Label)>();
                if (isOperator && scope == ScanRecord.WholeEstate && File.Exists(Path.Combine(scansDirectory, scan.ScanId, "report.html")))
                {
                    links.Add(($"reports/{scan.ScanId}/report.html", "whole estate"));
                }
                links.AddRange(visible
                    .Where(c => (scope == ScanRecord.WholeEstate || scope == c.Id) && File.Exists(Path.Combine(scansDirectory, scan.ScanId, "customers", c.Id, "report.html")))
                    .Select(c => ($"reports/{scan.ScanId}/{CustomerReport(c.Id)}", c.Name)));
                if (isOperator || scope != ScanRecord.WholeEstate || links.Count > 0)
                {
                    rows.Add(new Row(scan, scope, ShowCounts: isOperator || scope != ScanRecord.WholeEstate, links));
                }
            }
        }
        return [.. rows.OrderByDescending(r => r.Scan.FinishedAt).ThenBy(r => r.Scope, StringComparer.Ordinal)];
    }

    private static string CustomerReport(string customerId) => $"customers/{customerId}/report.html";

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
