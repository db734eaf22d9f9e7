using System.Text;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>Writes a scan in any <see cref="ReportFormat"/>: the one entry point for the scan and report commands.</summary>
public static class ReportFormats
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The names the command line takes: html, json, csv, sarif, junit, asff.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ReportFormat>().Select(Name)];

    public static string Name(ReportFormat format) => format.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out ReportFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(name, out _);

    /// <summary>The conventional file name of each format, as tools look for it.</summary>
    public static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Html => "report.html",
        ReportFormat.Json => "findings.json",
        ReportFormat.Csv => "findings.csv",
        ReportFormat.Sarif => "findings.sarif",
        ReportFormat.JUnit => "findings.junit.xml",
        ReportFormat.Asff => "findings.asff.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static async Task WriteAsync(ReportFormat format, ScanResult result, Stream output, ReportOptions options, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ReportFormat.Html:
                await using (var writer = new StreamWriter(output, Utf8, leaveOpen: true))
                {
                    await new HtmlReportRenderer().RenderAsync(result, options.Title, writer, cancellationToken);
                }
                break;
            case ReportFormat.Json:
                FindingsJson.Write(output, result);
                break;
            case ReportFormat.Csv:
                await using (var writer = new StreamWriter(output, Utf8, leaveOpen: true))
                {
                    CsvReportWriter.Write(writer, result, cancellationToken);
                }
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(output, result, options, cancellationToken);
                break;
            case ReportFormat.JUnit:
                JUnitReportWriter.Write(output, result, cancellationToken);
                break;
            case ReportFormat.Asff:
                AsffReportWriter.Write(output, result, options, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The file as a string, for tests and small scans.</summary>
    public static async Task<string> ToStringAsync(ReportFormat format, ScanResult result, ReportOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(format, result, buffer, options, cancellationToken);
        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
