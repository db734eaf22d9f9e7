using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Ocado.Guardrails.Rules.Estates;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The page at /: the reports its reader may open (an operator: every scan's; a scoped user: only
/// their customers'), newest first, and an "Audit now" button per customer, whose form carries the
/// antiforgery token that <see cref="SameOriginGuard"/> asks of a browser's POST.
/// </summary>
internal static class ReportIndex
{
    private const int MaxScans = 50;

    public static IResult Render(HttpContext context, string scansDirectory, Estate estate, IAntiforgery antiforgery)
    {
        var identity = context.Features.GetRequiredFeature<ServeIdentity>();
        var token = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var page = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>Guardrails</title><h1>Guardrails</h1><ul>");
        if (identity.IsOperator)
        {
            page.Append("<li><a href=\"hangfire\">Jobs (Hangfire dashboard)</a></li><li><a href=\"reports/\">Reports of each scan</a></li>");
        }
        page.Append("</ul><h2>Reports</h2><ul>");
        var scans = Directory.Exists(scansDirectory)
            ? Directory.GetDirectories(scansDirectory).Select(Path.GetFileName).OrderDescending(StringComparer.Ordinal).Take(MaxScans)
            : [];
        foreach (var scan in scans)
        {
            var reports = new List<(string Href, string Label)>();
            if (identity.IsOperator && File.Exists(Path.Combine(scansDirectory, scan!, "report.html")))
            {
                reports.Add(($"reports/{scan}/report.html", "whole scan"));
            }
            reports.AddRange(estate.Customers
                .Where(c => identity.MaySee(c.Id) && File.Exists(Path.Combine(scansDirectory, scan!, "customers", c.Id, "report.html")))
                .Select(c => ($"reports/{scan}/customers/{c.Id}/report.html", c.Name)));
            if (reports.Count > 0)
            {
                page.Append("<li>").Append(html.Encode(scan!)).Append(": ")
                    .AppendJoin(", ", reports.Select(r => $"<a href=\"{html.Encode(r.Href)}\">{html.Encode(r.Label)}</a>")).Append("</li>");
            }
        }
        page.Append("</ul><h2>Audit now</h2>");
        foreach (var customer in estate.Customers.Where(c => identity.MaySee(c.Id)))
        {
            page.Append($"<form method=\"post\" action=\"audit/{html.Encode(customer.Id)}\">")
                .Append($"<input type=\"hidden\" name=\"{html.Encode(token.FormFieldName)}\" value=\"{html.Encode(token.RequestToken ?? "")}\">")
                .Append($"<button>{html.Encode(customer.Name)}</button></form>");
        }
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }
}
