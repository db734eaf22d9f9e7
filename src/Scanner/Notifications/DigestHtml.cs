using System.Net;
using System.Text;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>
/// The digest as an email's HTML part: the sections of <see cref="DigestText"/>, every text HTML-encoded
/// (messages, ARNs, reasons and owners are what AWS and guardrails.yaml said, never markup of ours), and
/// inline styles only, which is what mail clients render.
/// </summary>
internal static class DigestHtml
{
    public static string Body(Digest digest)
    {
        var title = DigestText.Title(digest);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title></head>\n")
            .Append("<body style=\"font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 14px; color: #1f2933;\">\n")
            .Append("<h1 style=\"font-size: 18px;\">").Append(Encode(title)).Append("</h1>\n");
        foreach (var section in DigestText.Sections(digest))
        {
            html.Append("<h2 style=\"font-size: 15px; margin-bottom: 4px;\">").Append(Encode(section.Title)).Append(" (").Append(section.Count).Append(")</h2>\n<ul>\n");
            foreach (var item in section.Items)
            {
                html.Append("<li>").Append(Encode(item)).Append("</li>\n");
            }
            if (section.More > 0)
            {
                html.Append("<li>… and ").Append(section.More).Append(" more in the report</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("<p>");
        if (IsWebOrFile(digest.ReportLink))
        {
            html.Append("<a href=\"").Append(Encode(digest.ReportLink)).Append("\">Open the report</a>");
        }
        else
        {
            html.Append("Report: ").Append(Encode(digest.ReportLink));
        }
        return html.Append("</p>\n</body></html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Only http(s) and file links are made clickable: a javascript: or data: link is shown as text.</summary>
    private static bool IsWebOrFile(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeFile);
}
