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

    /// <summary>The text of the findings data block, as the page's script reads it.</summary>
    public static string DataText(string html) => DataBlock().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The report has no findings-data block.");

    public static JsonElement Data(string html) => JsonDocument.Parse(DataText(html)).RootElement;

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

    [GeneratedRegex("""<script type="application/json" id="findings-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Script();
}
