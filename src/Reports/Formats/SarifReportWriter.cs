using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), shaped for
/// GitHub code scanning: rules carry a security-severity, results a stable partial fingerprint.
/// An AWS resource has no file and line, so a result's location is a logical location named by
/// its ARN; CloudFormation checks will add a physical location (see <see cref="WriteLocations"/>).
/// </summary>
internal static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The fingerprint's key; bump the version if what it hashes ever changes, or every alert reopens.</summary>
    public const string FingerprintKey = "guardrailsFinding/v1";

    private const int FlushThresholdBytes = 64 * 1024;

    public static void Write(Stream stream, ScanResult result, CancellationToken cancellationToken)
    {
        var rules = SarifRules.From(result);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        rules.WriteTool(writer);
        writer.WriteStartObject("automationDetails");
        // GitHub keeps one set of alerts per category: the part before the last slash.
        writer.WriteString("id", $"guardrails/{result.ScanId}");
        writer.WriteEndObject();
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", true);
        writer.WriteString("startTimeUtc", result.StartedAt.UtcDateTime);
        writer.WriteString("endTimeUtc", result.FinishedAt.UtcDateTime);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("results");
        for (var i = 0; i < result.Findings.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            WriteResult(writer, result.Findings[i], rules.IndexOf(result.Findings[i].RuleId));
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

    /// <summary>Stable per (rule id, ARN), the identity of a finding across scans.</summary>
    public static string Fingerprint(string ruleId, string arn) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + arn)));

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

    private static void WriteResult(Utf8JsonWriter writer, Finding finding, int ruleIndex)
    {
        var (kind, level) = KindAndLevel(finding.Verdict, finding.Severity);
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("kind", kind);
        writer.WriteString("level", level);
        writer.WriteStartObject("message");
        writer.WriteString("text", finding.Message);
        writer.WriteEndObject();
        WriteLocations(writer, finding);
        writer.WriteStartObject("partialFingerprints");
        writer.WriteString(FingerprintKey, Fingerprint(finding.RuleId, finding.ResourceArn));
        writer.WriteEndObject();
        if (finding.Verdict == Verdict.Suppressed)
        {
            writer.WriteStartArray("suppressions");
            writer.WriteStartObject();
            // A waiver lives outside the scanned resource: "external", and accepted by whoever granted it.
            writer.WriteString("kind", "external");
            writer.WriteString("status", "accepted");
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
    /// Where the finding is: for an AWS resource, a logical location whose fully qualified name is
    /// its ARN. A finding about a template (a CloudFormation check) will add a physicalLocation
    /// (artifactLocation.uri and region.startLine) to this same location object.
    /// </summary>
    private static void WriteLocations(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartArray("locations");
        writer.WriteStartObject();
        writer.WriteStartArray("logicalLocations");
        writer.WriteStartObject();
        writer.WriteString("name", ArnText.Name(finding.ResourceArn));
        writer.WriteString("fullyQualifiedName", finding.ResourceArn);
        writer.WriteString("kind", "resource");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
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
