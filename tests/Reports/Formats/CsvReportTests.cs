using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Ocado.Guardrails.Reports.Formats;

namespace Ocado.Guardrails.Tests.Reports.Formats;

public sealed class CsvReportTests
{
    private static async Task<string> CsvAsync() =>
        await ReportFormats.ToStringAsync(ReportFormat.Csv, FormatScans.Mixed(), new ReportOptions(), TestContext.Current.CancellationToken);

    /// <summary>Parsed strictly by an RFC 4180 reader: a bad quote or a short line is an error.</summary>
    private static List<string[]> Parse(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            BadDataFound = context => throw new InvalidDataException($"bad CSV at row {context.Context?.Parser?.Row}: {context.RawRecord}"),
            DetectColumnCountChanges = true,
        });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Parser.Record!);
        }
        return rows;
    }

    [Fact]
    public async Task EveryFindingIsALineThatAnRfc4180ParserReadsBackWhole()
    {
        var rows = Parse(await CsvAsync());

        Assert.Equal(8, rows.Count);
        Assert.Equal(["ruleId", "ruleTitle", "family", "severity", "verdict", "status", "firstSeen", "customer", "accountId", "region", "resourceType", "resourceArn", "message", "evidence"], rows[0]);
        Assert.Equal(["iam-policy-no-admin-wildcard", "IAM policies grant no admin wildcard", "iam", "critical", "fail", "new", "2025-06-01T02:07:30+00:00", "acme",
            "111111111111", "global", "AWS::IAM::Role", "arn:aws:iam::111111111111:role/ops", "role ops allows \"*\" on \"*\"",
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}"], rows[1]);
        Assert.Equal("arn:aws:sqs:eu-west-1:111111111111:café-orders", rows[6][11]);
    }

    [Fact]
    public async Task ACellAWorkbookWouldRunAsAFormulaIsPrefixedWithAQuote()
    {
        var rows = Parse(await CsvAsync());

        Assert.Equal("'=HYPERLINK(\"http://attacker.example\",\"click\"), owner missing\r\nsecond line", rows[4][12]);
        Assert.Equal("'-1 headroom left", rows[7][12]);
        Assert.All(rows.SelectMany(r => r), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("a\nb", "\"a\nb\"")]
    [InlineData("plain", "plain")]
    public void FieldsAreDefusedThenQuotedAsRfc4180Asks(string value, string field)
    {
        Assert.Equal(field, Ocado.Guardrails.Reports.Formats.CsvReportWriter.Field(value));
    }

    [Fact]
    public async Task LinesEndInCarriageReturnLineFeed()
    {
        var csv = await CsvAsync();

        Assert.EndsWith("\r\n", csv);
        Assert.StartsWith("ruleId,ruleTitle,family,", csv);
        Assert.DoesNotContain("\r\n\r\n", csv);
    }
}
