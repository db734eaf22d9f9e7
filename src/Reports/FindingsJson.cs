using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Reports.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Reports;

/// <summary>
/// findings.json: the machine-readable result of a scan, and what reports are re-rendered from.
/// Field names are camelCase; verdicts and severities are camelCase strings ("fail", "notAssessed").
/// </summary>
public static partial class FindingsJson
{
    /// <summary>
    /// Utf8JsonWriter buffers everything until it is flushed; flushing at this size keeps a scan of
    /// a million findings from being held twice in memory.
    /// </summary>
    private const int FlushThresholdBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static void Write(Stream stream, ScanResult result)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        WriteScan(writer, result);
        WriteSummary(writer, result);
        WriteCoverage(writer, result);
        WriteTrends(writer, result);
        writer.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            WriteFinding(writer, finding);
            if (writer.BytesPending > FlushThresholdBytes)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        if (result.SourceFiles.Count > 0)
        {
            WriteFiles(writer, result);
        }
        WriteWaivers(writer, result.Waivers);
        WriteRulesOff(writer, result.RulesOff);
        writer.WriteEndObject();
        writer.Flush();
    }

    public static string ToJson(ScanResult result)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a findings.json back; throws <see cref="JsonException"/> when a field is missing or malformed.</summary>
    public static FindingsFile Read(Stream stream)
    {
        var document = JsonSerializer.Deserialize<FindingsDocument>(stream, FindingsDocument.Options)
                       ?? throw new JsonException("findings.json holds null instead of an object");
        return new FindingsFile
        {
            ScanId = document.Scan.Id,
            StartedAt = document.Scan.StartedAt,
            FinishedAt = document.Scan.FinishedAt,
            Resources = document.Summary.Resources,
            Evaluations = document.Summary.Evaluations,
            Counts = document.Summary.Counts is { } counts ? new ScanCounts { Accounts = new(counts, StringComparer.Ordinal) } : null,
            Gaps = document.Coverage.Gaps,
            Findings = document.Findings,
            Trend = document.Trend ?? [],
            CustomerTrends = document.CustomerTrends ?? new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal),
        };
    }

    private static void WriteScan(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartObject("scan");
        writer.WriteString("id", result.ScanId);
        writer.WriteString("startedAt", result.StartedAt);
        writer.WriteString("finishedAt", result.FinishedAt);
        writer.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartObject("coverage");
        writer.WriteStartArray("gaps");
        foreach (var gap in result.Gaps)
        {
            writer.WriteStartObject();
            writer.WriteString("accountId", gap.AccountId);
            writer.WriteString("region", gap.Region);
            writer.WriteString("source", gap.Source);
            writer.WriteString("reason", gap.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        // Every way of sharing, checked or not, so that a reader never takes an unchecked one for clean;
        // a check of templates judges no account's sharing, so it has none.
        if (result.SourceFiles.Count == 0)
        {
            writer.WriteStartArray("sharing");
            foreach (var check in SharingCheck.For(result.Rules))
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Type.Name);
                writer.WriteString("resourceType", check.Type.ResourceType);
                writer.WriteString("collectedFrom", check.Type.CollectedFrom);
                writer.WriteString("ruleId", check.Type.RuleId);
                writer.WriteBoolean("checked", check.Checked);
                writer.WriteString("reason", check.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteString("family", finding.Family);
        writer.WriteString("severity", Labels.Wire(finding.Severity));
        writer.WriteString("verdict", Labels.Wire(finding.Verdict));
        writer.WriteString("resourceArn", finding.ResourceArn);
        writer.WriteString("resourceType", finding.ResourceType);
        writer.WriteString("accountId", finding.AccountId);
        writer.WriteString("region", finding.Region);
        writer.WriteString("customer", finding.Customer);
        writer.WriteString("message", finding.Message);
        // Optional fields are left out rather than written as null, so that findings.json from a
        // scan without history or evidence reads exactly as before.
        if (finding.Status is { } status)
        {
            writer.WriteString("status", Labels.Wire(status));
        }
        if (finding.FirstSeen is { } firstSeen)
        {
            writer.WriteString("firstSeen", firstSeen);
        }
        if (finding.Tags is { Count: > 0 } tags)
        {
            writer.WriteStartObject("tags");
            foreach (var (key, value) in tags)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        if (finding.Evidence is { } evidence)
        {
            writer.WriteString("evidence", evidence);
        }
        if (finding.Location is { } location)
        {
            writer.WritePropertyName("location");
            WriteLocation(writer, location);
        }
        writer.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter writer, SourceLocation location)
    {
        writer.WriteStartObject();
        writer.WriteString("file", location.File);
        writer.WriteNumber("line", location.Line);
        writer.WriteNumber("column", location.Column);
        writer.WriteString("logicalId", location.LogicalId);
        if (location.Waiver is { } waiver)
        {
            writer.WriteString("waiver", waiver);
        }
        writer.WriteEndObject();
    }

    /// <summary>A check of templates: the files read, those that could not be, and the resources no rule judged.</summary>
    private static void WriteFiles(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartArray("files");
        result.SourceFiles.ToList().ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
        writer.WriteStartArray("unreadable");
        result.UnreadableFiles.ToList().ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
        writer.WriteStartArray("notAssessed");
        foreach (var item in result.NotAssessed)
        {
            writer.WriteStartObject();
            writer.WriteString("file", item.Location.File);
            writer.WriteString("logicalId", item.Location.LogicalId);
            writer.WriteNumber("line", item.Location.Line);
            writer.WriteNumber("column", item.Location.Column);
            writer.WriteString("resourceType", item.ResourceType);
            writer.WriteString("reason", item.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Written only when there is something to say, so that a scan without waivers keeps its shape.</summary>
    private static void WriteWaivers(Utf8JsonWriter writer, WaiverReport waivers)
    {
        if (waivers.IsEmpty)
        {
            return;
        }
        writer.WriteStartObject("waivers");
        foreach (var (name, notices) in new[] { ("stale", waivers.Stale), ("expired", waivers.Expired) })
        {
            writer.WriteStartArray(name);
            foreach (var notice in notices)
            {
                writer.WriteStartObject();
                writer.WriteString("rule", notice.Waiver.Rule);
                writer.WriteString("account", notice.Waiver.Account);
                writer.WriteString("resource", notice.Waiver.Resource);
                writer.WriteString("owner", notice.Waiver.Owner);
                writer.WriteString("expires", notice.Waiver.ExpiresText);
                writer.WriteString("reason", notice.Waiver.Reason);
                writer.WriteString("note", notice.Note);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The rules that did not run and who turned them off; written only when some did not.</summary>
    private static void WriteRulesOff(Utf8JsonWriter writer, IReadOnlyList<RuleOff> rulesOff)
    {
        if (rulesOff.Count == 0)
        {
            return;
        }
        writer.WriteStartArray("rulesOff");
        foreach (var off in rulesOff)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", off.RuleId);
            writer.WriteString("reason", off.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
