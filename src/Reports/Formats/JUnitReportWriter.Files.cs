using System.Xml;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// A check of templates as JUnit: a suite per template, a case per (logical id, rule) judged (classname
/// the logical id, name the rule id), a skipped case per resource or verdict not assessed, and an erring suite per
/// template that could not be read, so that CI shows each rather than nothing.
/// </summary>
internal static partial class JUnitReportWriter
{
    private static void WriteByFile(Stream stream, ScanResult result, CancellationToken cancellationToken)
    {
        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        foreach (var file in result.SourceFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var judged = result.Findings.Where(f => f.Location?.File == file).ToList();
            var passes = judged.Where(f => f.Verdict == Verdict.Pass).ToList();
            var findings = judged.Where(f => f.Verdict != Verdict.Pass).ToList();
            var notAssessed = result.NotAssessed.Where(n => n.Location.File == file).ToList();
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", Clean(file));
            Count(writer, "tests", judged.Count + notAssessed.Count);
            Count(writer, "failures", findings.Count(f => f.Verdict is not (Verdict.Suppressed or Verdict.NotAssessed)));
            Count(writer, "skipped", findings.Count(f => f.Verdict is Verdict.Suppressed or Verdict.NotAssessed) + notAssessed.Count);
            foreach (var finding in passes.Concat(findings))
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", Clean(finding.Location!.LogicalId));
                writer.WriteAttributeString("name", Clean(finding.RuleId));
                if (finding.Verdict == Verdict.Suppressed)
                {
                    Outcome(writer, "skipped", "waived: " + finding.Location.Waiver);
                }
                else if (finding.Verdict == Verdict.NotAssessed)
                {
                    // The rule could not judge the resource: skipped with its reason, neither a pass nor a failure.
                    Outcome(writer, "skipped", "not assessed: " + finding.Message);
                }
                else if (finding.Verdict != Verdict.Pass)
                {
                    // An Error is a failure here too: its message ("rule X failed on ...") says the rule broke.
                    writer.WriteStartElement("failure");
                    writer.WriteAttributeString("message", Clean(finding.Message));
                    writer.WriteAttributeString("type", Labels.Wire(finding.Severity));
                    writer.WriteString(Clean($"{file}:{finding.Location.Line}:{finding.Location.Column} {finding.Location.LogicalId}"));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            foreach (var item in notAssessed)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", Clean(item.Location.LogicalId));
                writer.WriteAttributeString("name", "not assessed");
                Outcome(writer, "skipped", item.Reason);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        foreach (var error in result.UnreadableFiles)
        {
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", Clean(error));
            Count(writer, "tests", 1);
            Count(writer, "errors", 1);
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("name", "parse");
            Outcome(writer, "error", error);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void Outcome(XmlWriter writer, string element, string message)
    {
        writer.WriteStartElement(element);
        writer.WriteAttributeString("message", Clean(message));
        writer.WriteEndElement();
    }
}
