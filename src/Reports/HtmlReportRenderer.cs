using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocado.Guardrails.Reports.Html;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports;

/// <summary>
/// Renders report.html: one self-contained page (styles, script and data inline, nothing fetched)
/// with an overview, coverage gaps first, and a findings table that filters, sorts and pages in the
/// browser. Rendered by Razor components, so every value from AWS comes out HTML-encoded.
/// </summary>
public sealed class HtmlReportRenderer
{
    private readonly ILoggerFactory _loggerFactory;

    public HtmlReportRenderer(ILoggerFactory? loggerFactory = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public async Task<string> RenderAsync(ScanResult result, string title, CancellationToken ct)
    {
        using var output = new StringWriter();
        await RenderAsync(result, title, output, ct);
        return output.ToString();
    }

    /// <summary>Writes the report to <paramref name="output"/>, for callers that write it to a file.</summary>
    public async Task RenderAsync(ScanResult result, string title, TextWriter output, CancellationToken ct)
    {
        var model = ReportModelBuilder.Build(result, title, ct);
        // AddLogging only adds a factory when none is registered, so the caller's stays.
        await using var services = new ServiceCollection()
            .AddSingleton(_loggerFactory)
            .AddLogging()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, _loggerFactory);
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<CascadingValue<ReportModel>>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(CascadingValue<ReportModel>.Value)] = model,
                [nameof(CascadingValue<ReportModel>.IsFixed)] = true,
                [nameof(CascadingValue<ReportModel>.ChildContent)] = (RenderFragment)(builder =>
                {
                    builder.OpenComponent<ReportPage>(0);
                    builder.CloseComponent();
                }),
            }));
            root.WriteHtmlTo(output);
        });
    }
}
