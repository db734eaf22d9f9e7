namespace Ocado.Guardrails.Reports.Formats;

/// <summary>The files a scan can be rendered as; <see cref="ReportFormats"/> writes each.</summary>
public enum ReportFormat
{
    /// <summary>report.html: the page people browse.</summary>
    Html,
    /// <summary>findings.json: the contract every other format can be rendered again from.</summary>
    Json,
    /// <summary>RFC 4180 CSV, one line per finding, for spreadsheets and auditors.</summary>
    Csv,
    /// <summary>SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.</summary>
    Sarif,
    /// <summary>JUnit XML, for CI systems that chart test results.</summary>
    JUnit,
    /// <summary>AWS Security Finding Format, for Security Hub's BatchImportFindings.</summary>
    Asff,
}
