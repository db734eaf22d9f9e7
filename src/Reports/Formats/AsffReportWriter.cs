using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// AWS Security Finding Format (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html):
/// a JSON array of findings for Security Hub's BatchImportFindings, which takes 100 a call
/// (<c>jq -c '_nwise(100)'</c> splits the file). Each finding is imported into its own account's
/// default product, in its region (global resources into the home region), so that every member
/// account's Security Hub holds its own findings.
/// </summary>
internal static class AsffReportWriter
{
    public const string SchemaVersion = "2018-10-08";

    /// <summary>ASFF's limits on text fields; longer text is cut, not refused.</summary>
    public const int MaxId = 512, MaxTitle = 256, MaxDescription = 1024, MaxRecommendation = 512;

    private const int FlushThresholdBytes = 64 * 1024;

    public static void Write(Stream stream, ScanResult result, ReportOptions options, CancellationToken cancellationToken)
    {
        var headers = result.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var home = options.HomeRegion ?? (result.Estate.Regions.Count > 0 ? result.Estate.Regions[0] : "us-east-1");
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        for (var i = 0; i < result.Findings.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            WriteFinding(writer, result, result.Findings[i], headers.GetValueOrDefault(result.Findings[i].RuleId), home);
            if (writer.BytesPending > FlushThresholdBytes)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>Unique per product and stable per (rule, ARN), so that a later scan updates the same finding.</summary>
    public static string Id(string ruleId, string arn)
    {
        var id = $"guardrails/{ruleId}/{arn}";
        if (id.Length <= MaxId)
        {
            return id;
        }
        // Too long to be the id: the ARN's hash stands in for it, and the end (the hash) is kept.
        var hashed = $"guardrails/{ruleId}/sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arn)))}";
        return hashed.Length <= MaxId ? hashed : hashed[^MaxId..];
    }

    public static string ComplianceStatus(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASSED",
        Verdict.Fail or Verdict.Suppressed => "FAILED",
        Verdict.Error => "WARNING",
        _ => "NOT_AVAILABLE",
    };

    public static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Info => "INFORMATIONAL",
        _ => severity.ToString().ToUpperInvariant(),
    };

    private static void WriteFinding(Utf8JsonWriter writer, ScanResult result, Finding finding, RuleHeader? header, string home)
    {
        var region = finding.Region == "global" ? home : finding.Region;
        writer.WriteStartObject();
        writer.WriteString("SchemaVersion", SchemaVersion);
        writer.WriteString("Id", Id(finding.RuleId, finding.ResourceArn));
        writer.WriteString("ProductArn", $"arn:{Partition(finding.ResourceArn)}:securityhub:{region}:{finding.AccountId}:product/{finding.AccountId}/default");
        writer.WriteString("GeneratorId", finding.RuleId);
        writer.WriteString("AwsAccountId", finding.AccountId);
        writer.WriteStartArray("Types");
        // namespace/category/classifier: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html
        writer.WriteStringValue($"Software and Configuration Checks/AWS Security Best Practices/{Family(finding.Family)}");
        writer.WriteEndArray();
        writer.WriteString("FirstObservedAt", Time(finding.FirstSeen ?? result.FinishedAt));
        writer.WriteString("LastObservedAt", Time(result.FinishedAt));
        writer.WriteString("CreatedAt", Time(finding.FirstSeen ?? result.FinishedAt));
        writer.WriteString("UpdatedAt", Time(result.FinishedAt));
        writer.WriteStartObject("Severity");
        writer.WriteString("Label", SeverityLabel(finding.Severity));
        writer.WriteString("Original", Labels.Wire(finding.Severity));
        writer.WriteEndObject();
        writer.WriteString("Title", Cut(header?.Title ?? finding.RuleId, MaxTitle));
        writer.WriteString("Description", Cut(finding.Message, MaxDescription));
        if (header is not null)
        {
            writer.WriteStartObject("Remediation");
            writer.WriteStartObject("Recommendation");
            writer.WriteString("Text", Cut(header.Remediation, MaxRecommendation));
            if (header.References.FirstOrDefault(r => r.StartsWith("https://", StringComparison.Ordinal)) is { } url)
            {
                writer.WriteString("Url", url);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        WriteResource(writer, finding, region);
        writer.WriteStartObject("Compliance");
        writer.WriteString("Status", ComplianceStatus(finding.Verdict));
        if (header is { Controls.Count: > 0 })
        {
            writer.WriteStartArray("RelatedRequirements");
            foreach (var control in header.Controls.Take(32))
            {
                writer.WriteStringValue(control);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteString("RecordState", "ACTIVE");
        writer.WriteStartObject("Workflow");
        writer.WriteString("Status", finding.Verdict switch
        {
            Verdict.Suppressed => "SUPPRESSED",
            Verdict.Pass => "RESOLVED",
            _ => "NEW",
        });
        writer.WriteEndObject();
        WriteProductFields(writer, finding);
        writer.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter writer, Finding finding, string region)
    {
        writer.WriteStartArray("Resources");
        writer.WriteStartObject();
        writer.WriteString("Type", AsffResourceTypes.For(finding.ResourceType));
        writer.WriteString("Id", finding.ResourceArn);
        writer.WriteString("Partition", Partition(finding.ResourceArn));
        writer.WriteString("Region", region);
        if (finding.Tags is { Count: > 0 } tags)
        {
            writer.WriteStartObject("Tags");
            foreach (var (key, value) in tags)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteProductFields(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject("ProductFields");
        writer.WriteString("guardrails/verdict", Labels.Wire(finding.Verdict));
        writer.WriteString("guardrails/resourceType", finding.ResourceType);
        if (finding.Customer is not null)
        {
            writer.WriteString("guardrails/customer", finding.Customer);
        }
        if (finding.Status is { } status)
        {
            writer.WriteString("guardrails/status", Labels.Wire(status));
        }
        writer.WriteEndObject();
    }

    /// <summary>aws, aws-cn or aws-us-gov, from the ARN; "aws" when it is not one.</summary>
    private static string Partition(string arn) =>
        arn.StartsWith("arn:", StringComparison.Ordinal) && arn.IndexOf(':', 4) is var end and > 4 ? arn[4..end] : "aws";

    private static string Family(string family) => family == "iam" ? "IAM" : family.Length == 0 ? "Other" : char.ToUpperInvariant(family[0]) + family[1..];

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
