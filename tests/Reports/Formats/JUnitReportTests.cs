using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Reports.Formats;

public sealed class JUnitReportTests
{
    private static async Task<string> JUnitAsync() =>
        await ReportFormats.ToStringAsync(ReportFormat.JUnit, FormatScans.Mixed(), new ReportOptions(), TestContext.Current.CancellationToken);

    /// <summary>Reads the XML as a JUnit consumer would, strictly: every schema error and warning is collected.</summary>
    private static List<string> SchemaErrors(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.TestData, "JUnit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    [Fact]
    public async Task TheJUnitXmlIsValidAgainstTheJUnitSchema()
    {
        Assert.Empty(SchemaErrors(await JUnitAsync()));
    }

    [Fact]
    public async Task TheSchemaCheckRefusesATestCaseWithoutAName()
    {
        var document = XDocument.Parse(await JUnitAsync());
        document.Descendants("testcase").First().Attribute("name")!.Remove();

        Assert.Contains(SchemaErrors(document.ToString()), e => e.Contains("'name'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachRuleIsATestSuiteAndEachFindingATestCaseWithItsOutcome()
    {
        var suites = XDocument.Parse(await JUnitAsync()).Root!.Elements("testsuite").ToDictionary(s => (string)s.Attribute("name")!);

        Assert.Equal([FormatScans.AdminRule, FormatScans.UnknownRule, FormatScans.TagRule], suites.Keys);
        var admin = suites[FormatScans.AdminRule];
        Assert.Equal(("3", "1", "1", "1"), ((string)admin.Attribute("tests")!, (string)admin.Attribute("failures")!, (string)admin.Attribute("errors")!, (string)admin.Attribute("skipped")!));
        var cases = admin.Elements("testcase").ToList();
        Assert.Equal("arn:aws:iam::111111111111:role/ops", (string)cases[0].Attribute("name")!);
        Assert.Equal("role ops allows \"*\" on \"*\"", (string)cases[0].Element("failure")!.Attribute("message")!);
        Assert.Contains("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}", (string)cases[0].Element("failure")!);
        Assert.NotNull(cases[1].Element("skipped"));
        Assert.Equal("RuleError", (string)cases[2].Element("error")!.Attribute("type")!);
        var tags = suites[FormatScans.TagRule].Elements("testcase").ToList();
        Assert.NotNull(tags[1].Element("skipped"));
        Assert.False(tags[2].HasElements);
    }

    [Fact]
    public async Task AControlCharacterFromAwsBecomesAReplacementCharacter()
    {
        var xml = await JUnitAsync();

        Assert.DoesNotContain("\u0001", xml);
        var error = XDocument.Parse(xml).Descendants("error").Single();
        Assert.Equal("the rule threw: policy document is not JSON \uFFFD", (string)error.Attribute("message")!);
    }
}
