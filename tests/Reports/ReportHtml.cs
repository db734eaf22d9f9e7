using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>Renders report.html for tests and picks out its parts.</summary>
internal static partial class ReportHtml
{
    public const string Payload = "<img src=x onerror=alert(1)>";
    public const string HtmlEscapedPayload = "&lt;img src=x onerror=alert(1)&gt;";
    public const string JsonEscapedPayload = "\\u003Cimg src=x onerror=alert(1)\\u003E";

    public static Task<string> RenderAsync(ScanResult result, string title = "Guardrails report") =>
        new HtmlReportRenderer().RenderAsync(result, title, TestContext.Current.CancellationToken);

    /// <summary>The base64 text of the findings data block, as it stands in the page.</summary>
    public static string EncodedData(string html) => DataBlock().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The report has no findings-data block.");

    /// <summary>The findings data as the page's script reads it: inflated JSON.</summary>
    public static string DataText(string html)
    {
        using var compressed = new MemoryStream(Convert.FromBase64String(EncodedData(html)));
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    public static ReportData Data(string html) => new(JsonDocument.Parse(DataText(html)).RootElement);

    /// <summary>
    /// The page with its data block inflated, so that a test can look for a value wherever the page
    /// keeps it (markup or data), as a reader of the file could.
    /// </summary>
    public static string Readable(string html) => html.Replace(EncodedData(html), DataText(html), StringComparison.Ordinal);

    /// <summary>The text of the one executable script of the page.</summary>
    public static string ScriptText(string html) => Script().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The report has no inline script.");

    /// <summary>The text of the page's one style element.</summary>
    public static string StyleText(string html) => Style().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The report has no inline style.");

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex Style();

    [GeneratedRegex("""<script type="application/octet-stream" id="findings-data" data-encoding="gzip-base64">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Script();
}
