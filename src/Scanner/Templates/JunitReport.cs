using System.Xml.Linq;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>JUnit XML, which every CI shows as tests: one suite per template, one case per (rule, resource) judged
/// and one skipped case per resource not assessed.</summary>
internal static class JunitReport
{
    public static string Write(CheckResult result)
    {
        var suites = new XElement("testsuites");
        foreach (var file in result.Files)
        {
            var findings = result.Findings.Where(f => f.File == file).ToList();
            var passes = result.Passes.Where(f => f.File == file).ToList();
            var notAssessed = result.NotAssessed.Where(n => n.File == file).Select(n => n.Resource).ToList();
            var suite = new XElement("testsuite",
                new XAttribute("name", file),
                new XAttribute("tests", findings.Count + passes.Count + notAssessed.Count),
                new XAttribute("failures", findings.Count(f => !f.Suppressed)),
                new XAttribute("skipped", findings.Count(f => f.Suppressed) + notAssessed.Count));
            foreach (var pass in passes)
            {
                suite.Add(Case(pass));
            }
            foreach (var finding in findings)
            {
                suite.Add(Case(finding, finding.Suppressed
                    ? new XElement("skipped", new XAttribute("message", "waived: " + finding.WaivedBecause))
                    : new XElement("failure", new XAttribute("message", finding.Message), new XAttribute("type", finding.Severity.ToString().ToLowerInvariant()),
                        $"{file}:{finding.Line}:{finding.Column} {finding.LogicalId}")));
            }
            // What no rule judged is a skipped case with its reason, so that a CI shows it rather than nothing.
            foreach (var item in notAssessed)
            {
                suite.Add(new XElement("testcase", new XAttribute("classname", item.Source.LogicalId), new XAttribute("name", "not assessed"),
                    new XElement("skipped", new XAttribute("message", item.Reason))));
            }
            suites.Add(suite);
        }
        foreach (var error in result.Unreadable)
        {
            suites.Add(new XElement("testsuite", new XAttribute("name", error), new XAttribute("tests", 1), new XAttribute("errors", 1),
                new XElement("testcase", new XAttribute("name", "parse"), new XElement("error", new XAttribute("message", error)))));
        }
        return new XDocument(suites).ToString();
    }

    private static XElement Case(TemplateFinding finding, params object[] content) =>
        new("testcase", [new XAttribute("classname", finding.LogicalId), new XAttribute("name", finding.RuleId), .. content]);
}
