using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), shaped for
/// GitHub code scanning: rules carry a security-severity, results a stable partial fingerprint.
/// The one SARIF writer: a scan's findings are about AWS resources, which have no file and line, so
/// their location is a logical location named by the ARN; <c>guardrails check</c>'s findings are
/// about templates and add a physical location, the line and column where the fault is written.
/// </summary>
internal static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The fingerprint's key; bump the version if what it hashes ever changes, or every alert reopens.</summary>
    public const string FingerprintKey = "guardrailsFinding/v1";

    private const int FlushThresholdBytes = 64 * 1024;

    /// <summary>
    /// A scan's findings at their ARNs, in a run GitHub keeps apart per scan category; a check's at the line and
    /// column where their faults are written, with what could not be read or was not assessed as the run's notifications.
    /// </summary>
    public static void Write(Stream stream, ScanResult result, ReportOptions options, CancellationToken cancellationToken)
    {
        var ofFiles = result.SourceFiles.Count > 0;
        Write(stream, new SarifRun
        {
            Rules = result.Rules,
            Results = [.. result.Findings.Select(f => new SarifResult(f, Source(f.Location, options.BaseDirectory)))],
            // GitHub keeps one set of alerts per category: the part before the last slash.
            AutomationId = ofFiles ? null : $"guardrails/{result.ScanId}",
            StartedAt = ofFiles ? null : result.StartedAt,
            FinishedAt = ofFiles ? null : result.FinishedAt,
            ExecutionSuccessful = result.UnreadableFiles.Count == 0,
            Notifications =
            [
                .. result.UnreadableFiles.Select(error => new SarifNotification("error", error)),
                .. result.NotAssessed.Select(n => new SarifNotification("note", $"{n.Location.LogicalId} ({n.ResourceType}) not assessed: {n.Reason}",
                    Source(n.Location, options.BaseDirectory))),
                .. result.RulesOff.Select(o => new SarifNotification("note", $"rule {o.RuleId} not run: {o.Reason}")),
            ],
        }, cancellationToken);
    }

    /// <summary>A path relative to the checkout (forward slashes), which is how code hosts match results to files.</summary>
    public static string Uri(string file, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(file));
        return (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(file) : relative).Replace('\\', '/');
    }

    private static SarifSource? Source(SourceLocation? location, string baseDirectory) => location is null
        ? null
        : new SarifSource(Uri(location.File, baseDirectory), location.Line, location.Column, location.LogicalId) { WaiverReason = location.Waiver };

    private static void Write(Stream stream, SarifRun run, CancellationToken cancellationToken)
    {
        var rules = SarifRules.From(run.Rules, run.Results.Select(r => r.Finding));
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        rules.WriteTool(writer);
        if (run.AutomationId is { } automationId)
        {
            writer.WriteStartObject("automationDetails");
            writer.WriteString("id", automationId);
            writer.WriteEndObject();
        }
        WriteInvocation(writer, run);
        writer.WriteStartArray("results");
        for (var i = 0; i < run.Results.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            WriteResult(writer, run.Results[i], rules.IndexOf(run.Results[i].Finding.RuleId));
            if (writer.BytesPending > FlushThresholdBytes)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Stable per (rule id, ARN), the identity of a finding across scans; for a template, per (rule id, file and logical id).</summary>
    public static string Fingerprint(string ruleId, string resource) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + resource)));

    /// <summary>
    /// SARIF's level is for failures; any other kind must have level "none" (SARIF §3.27.10). A rule
    /// that erred and a resource not assessed are "review": a person has to look.
    /// </summary>
    public static (string Kind, string Level) KindAndLevel(Verdict verdict, Severity severity) => verdict switch
    {
        Verdict.Fail or Verdict.Suppressed => ("fail", Level(severity)),
        Verdict.Pass => ("pass", "none"),
        Verdict.Skip => ("notApplicable", "none"),
        _ => ("review", "none"),
    };

    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static void WriteInvocation(Utf8JsonWriter writer, SarifRun run)
    {
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", run.ExecutionSuccessful);
        if (run.StartedAt is { } started)
        {
            writer.WriteString("startTimeUtc", started.UtcDateTime);
        }
        if (run.FinishedAt is { } finished)
        {
            writer.WriteString("endTimeUtc", finished.UtcDateTime);
        }
        if (run.Notifications.Count > 0)
        {
            writer.WriteStartArray("toolExecutionNotifications");
            foreach (var notification in run.Notifications)
            {
                writer.WriteStartObject();
                writer.WriteString("level", notification.Level);
                writer.WriteStartObject("message");
                writer.WriteString("text", notification.Message);
                writer.WriteEndObject();
                if (notification.Source is { } source)
                {
                    writer.WriteStartArray("locations");
                    WriteLocation(writer, source, source.LogicalId, null);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter writer, SarifResult result, int ruleIndex)
    {
        var (finding, source) = result;
        var (kind, level) = KindAndLevel(finding.Verdict, finding.Severity);
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("kind", kind);
        writer.WriteString("level", level);
        writer.WriteStartObject("message");
        writer.WriteString("text", source is null ? finding.Message : $"{source.LogicalId}: {finding.Message}");
        writer.WriteEndObject();
        writer.WriteStartArray("locations");
        WriteLocation(writer, source, source?.LogicalId ?? ArnText.Name(finding.ResourceArn), finding.ResourceArn);
        writer.WriteEndArray();
        writer.WriteStartObject("partialFingerprints");
        // A template resource is the same resource wherever its line moves: its file and logical id name it.
        writer.WriteString(FingerprintKey, Fingerprint(finding.RuleId, source is null ? finding.ResourceArn : $"{source.Uri}#{source.LogicalId}"));
        writer.WriteEndObject();
        if (finding.Verdict == Verdict.Suppressed)
        {
            writer.WriteStartArray("suppressions");
            writer.WriteStartObject();
            // A waiver in guardrails.yaml lives outside the scanned resource: "external"; one in a template's
            // Metadata sits beside the resource: "inSource". Either is accepted by whoever granted it.
            writer.WriteString("kind", source?.WaiverReason is null ? "external" : "inSource");
            writer.WriteString("status", "accepted");
            if (source?.WaiverReason is { } reason)
            {
                writer.WriteString("justification", reason);
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        if (finding.Status == FindingStatus.New)
        {
            writer.WriteString("baselineState", "new");
        }
        else if (finding.Status is FindingStatus.Open or FindingStatus.Suppressed)
        {
            writer.WriteString("baselineState", "unchanged");
        }
        else if (finding.Status == FindingStatus.Resolved)
        {
            writer.WriteString("baselineState", "absent");
        }
        WriteProperties(writer, finding);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Where a result is: a logical location named by the resource (its ARN as the fully qualified name
    /// when it has one) and, for a template, the physical location of its fault.
    /// </summary>
    private static void WriteLocation(Utf8JsonWriter writer, SarifSource? source, string name, string? fullyQualifiedName)
    {
        writer.WriteStartObject();
        if (source is not null)
        {
            writer.WriteStartObject("physicalLocation");
            writer.WriteStartObject("artifactLocation");
            writer.WriteString("uri", source.Uri);
            writer.WriteEndObject();
            writer.WriteStartObject("region");
            // SARIF lines and columns are 1-based; a resource without a known position points at the top of the file.
            writer.WriteNumber("startLine", Math.Max(1, source.Line));
            writer.WriteNumber("startColumn", Math.Max(1, source.Column));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteStartArray("logicalLocations");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        if (fullyQualifiedName is not null)
        {
            writer.WriteString("fullyQualifiedName", fullyQualifiedName);
        }
        writer.WriteString("kind", "resource");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject("properties");
        writer.WriteString("verdict", Labels.Wire(finding.Verdict));
        writer.WriteString("resourceType", finding.ResourceType);
        writer.WriteString("accountId", finding.AccountId);
        writer.WriteString("region", finding.Region);
        if (finding.Customer is not null)
        {
            writer.WriteString("customer", finding.Customer);
        }
        if (finding.Status is { } status)
        {
            writer.WriteString("status", Labels.Wire(status));
        }
        if (finding.FirstSeen is { } firstSeen)
        {
            writer.WriteString("firstSeen", firstSeen);
        }
        if (finding.Evidence is not null)
        {
            writer.WriteString("evidence", finding.Evidence);
        }
        writer.WriteEndObject();
    }
}
