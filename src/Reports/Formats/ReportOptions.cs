namespace Ocado.Guardrails.Reports.Formats;

/// <summary>What some formats need beyond the scan itself.</summary>
public sealed record ReportOptions
{
    /// <summary>The HTML report's title.</summary>
    public string Title { get; init; } = "Guardrails report";

    /// <summary>
    /// The Security Hub region that ASFF findings of global resources (IAM, S3 names) are imported
    /// into; by default the estate's first region. Security Hub is regional and has no "global".
    /// </summary>
    public string? HomeRegion { get; init; }

    /// <summary>Where the paths of a check's SARIF are made relative to: the checkout, as code hosts match them.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;
}
