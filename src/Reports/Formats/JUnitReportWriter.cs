using System.Globalization;
using System.Text;
using System.Xml;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// JUnit XML, as Apache Ant writes it (the schema CI systems read: https://github.com/windyroad/JUnit-Schema):
/// a testsuite per rule, a testcase per finding named by its ARN. Fail is a failure, Error an error
/// (the rule broke, not the resource), NotAssessed and Suppressed are skipped; Pass passes.
/// </summary>
internal static partial class JUnitReportWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    public static void Write(Stream stream, ScanResult result, CancellationToken cancellationToken)
    {
        if (result.SourceFiles.Count > 0)
        {
            WriteByFile(stream, result, cancellationToken);
            return;
        }
        var headers = result.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byRule = result.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ruleIds = headers.Keys.Concat(byRule.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // The schema's timestamp has no zone; it is UTC.
        var timestamp = result.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        for (var id = 0; id < ruleIds.Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ruleId = ruleIds[id];
            var findings = byRule.GetValueOrDefault(ruleId) ?? [];
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("package", "guardrails." + Clean(ruleId).Split('-', 2)[0]);
            writer.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("name", Clean(ruleId));
            writer.WriteAttributeString("timestamp", timestamp);
            writer.WriteAttributeString("hostname", "guardrails");
            Count(writer, "tests", findings.Count);
            Count(writer, "failures", findings.Count(f => f.Verdict == Verdict.Fail));
            Count(writer, "errors", findings.Count(f => f.Verdict == Verdict.Error));
            Count(writer, "skipped", findings.Count(f => f.Verdict is Verdict.NotAssessed or Verdict.Suppressed or Verdict.Skip));
            writer.WriteAttributeString("time", "0");
            WriteProperties(writer, headers.GetValueOrDefault(ruleId), findings, result.ScanId);
            foreach (var finding in findings)
            {
                WriteTestCase(writer, finding);
            }
            writer.WriteElementString("system-out", "");
            writer.WriteElementString("system-err", "");
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>
    /// Text XML 1.0 can hold: AWS's strings may carry control characters, which an XML writer
    /// refuses and a parser rejects; each becomes U+FFFD.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (pair || XmlConvert.IsXmlChar(text[i]))
            {
                cleaned?.Append(text[i]);
                if (pair)
                {
                    cleaned?.Append(text[++i]);
                }
                continue;
            }
            cleaned ??= new StringBuilder(text, 0, i, text.Length);
            cleaned.Append('\uFFFD');
        }
        return cleaned?.ToString() ?? text;
    }

    private static void Count(XmlWriter writer, string name, int value) =>
        writer.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void WriteProperties(XmlWriter writer, Rules.Engine.RuleHeader? header, List<Finding> findings, string scanId)
    {
        writer.WriteStartElement("properties");
        Property(writer, "scan", scanId);
        if (header is not null)
        {
            Property(writer, "title", header.Title);
            Property(writer, "remediation", header.Remediation);
        }
        Property(writer, "severity", Labels.Wire(header?.Severity ?? findings.FirstOrDefault()?.Severity ?? Severity.Info));
        writer.WriteEndElement();
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", Clean(value));
        writer.WriteEndElement();
    }

    private static void WriteTestCase(XmlWriter writer, Finding finding)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", Clean(finding.ResourceArn));
        writer.WriteAttributeString("classname", Clean(finding.RuleId));
        writer.WriteAttributeString("time", "0");
        var outcome = finding.Verdict switch
        {
            Verdict.Fail => "failure",
            Verdict.Error => "error",
            Verdict.NotAssessed or Verdict.Suppressed or Verdict.Skip => "skipped",
            _ => null,
        };
        if (outcome is not null)
        {
            writer.WriteStartElement(outcome);
            writer.WriteAttributeString("message", Clean(finding.Message));
            if (outcome != "skipped")
            {
                writer.WriteAttributeString("type", outcome == "error" ? "RuleError" : Labels.Wire(finding.Severity));
            }
            // The body is what a CI page shows under the test: where, what, and the statement at fault.
            writer.WriteString(Clean(Body(finding)));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static string Body(Finding finding)
    {
        var body = new StringBuilder()
            .Append(Labels.Display(finding.Verdict)).Append(" · ").Append(finding.ResourceType)
            .Append(" · account ").Append(finding.AccountId).Append(" · ").Append(finding.Region)
            .Append('\n').Append(finding.Message);
        if (finding.Evidence is not null)
        {
            body.Append('\n').Append(finding.Evidence);
        }
        return body.ToString();
    }
}
