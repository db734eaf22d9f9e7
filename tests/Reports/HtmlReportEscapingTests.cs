using System.Text.RegularExpressions;
using Ocado.Guardrails.Reports.Html;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>Everything from AWS is untrusted text: these feed it markup and look for it in report.html.</summary>
public sealed class HtmlReportEscapingTests
{
    private static void AssertNoMarkupFrom(string html)
    {
        Assert.DoesNotContain(ReportHtml.Payload, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ATagValueWithAnImgOnerrorPayloadComesOutEscaped()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding(message: $"queue-1 has tag owner = '{ReportHtml.Payload}', not an email address")
            .Build());

        AssertNoMarkupFrom(html);
        Assert.Equal($"queue-1 has tag owner = '{ReportHtml.Payload}', not an email address", ReportHtml.Data(html).Message(0));
        Assert.Contains(ReportHtml.JsonEscapedPayload, ReportHtml.DataText(html));
    }

    [Fact]
    public async Task AnArnWithAnImgOnerrorPayloadComesOutEscaped()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding(arn: $"arn:aws:iam::111111111111:role/{ReportHtml.Payload}")
            .Build());

        AssertNoMarkupFrom(html);
        Assert.Equal($"arn:aws:iam::111111111111:role/{ReportHtml.Payload}", ReportHtml.Data(html).Arn(0));
        Assert.Contains(ReportHtml.JsonEscapedPayload, ReportHtml.DataText(html));
    }

    [Fact]
    public async Task ACustomerNameWithAnImgOnerrorPayloadComesOutEscaped()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithCustomer("acme", ReportHtml.Payload, ScanBuilder.AcmeAccount)
            .WithFinding()
            .Build());

        AssertNoMarkupFrom(html);
        Assert.Contains(ReportHtml.HtmlEscapedPayload, html);
        Assert.Contains(ReportHtml.JsonEscapedPayload, ReportHtml.DataText(html));
    }

    [Fact]
    public async Task AGapReasonAndATitleWithAnImgOnerrorPayloadComeOutEscaped()
    {
        var html = await ReportHtml.RenderAsync(
            new ScanBuilder().WithGap(ScanBuilder.AcmeAccount, "eu-west-1", reason: ReportHtml.Payload).Build(),
            title: ReportHtml.Payload);

        AssertNoMarkupFrom(html);
        Assert.Contains($"<title>{ReportHtml.HtmlEscapedPayload}</title>", html);
        Assert.Contains($"<td class=\"reason\">{ReportHtml.HtmlEscapedPayload}</td>", html);
    }

    [Fact]
    public async Task ARuleHeaderWithMarkupIsEscapedAndAJavascriptReferenceIsNoLink()
    {
        var rule = new RuleHeader
        {
            Id = "tagging-required-tags",
            Title = ReportHtml.Payload,
            Severity = Severity.Low,
            ResourceTypes = ["*"],
            Remediation = ReportHtml.Payload,
            Rationale = ReportHtml.Payload,
            Controls = [ReportHtml.Payload],
            References = ["javascript:alert(1)", "https://docs.aws.amazon.com/tag-editor/"],
        };
        var result = new ScanBuilder().WithFinding().Build() with { Rules = [rule] };

        var html = await ReportHtml.RenderAsync(result);

        AssertNoMarkupFrom(html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://docs.aws.amazon.com/tag-editor/\"", html);
    }

    [Fact]
    public async Task AScriptClosingTagInAMessageCannotEndTheDataBlock()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding(message: "</script><script>alert(1)</script><!--")
            .Build());

        Assert.Equal(2, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<!--", html);
        // The block is base64: nothing in it can be markup.
        Assert.Matches("^[A-Za-z0-9+/=]+$", ReportHtml.EncodedData(html));
        Assert.Equal("</script><script>alert(1)</script><!--", ReportHtml.Data(html).Message(0));
    }

    [Fact]
    public async Task TheContentSecurityPolicyAllowsOnlyTheReportsOwnStyleAndScript()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder().WithFinding().Build());

        var attribute = Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
        var policy = System.Net.WebUtility.HtmlDecode(attribute);
        Assert.StartsWith("default-src 'none';", policy);
        Assert.Contains($"script-src '{ReportAssets.Hash(ReportHtml.ScriptText(html))}'", policy);
        Assert.Contains($"style-src '{ReportAssets.Hash(ReportHtml.StyleText(html))}'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public void TheScriptNeverTurnsDataIntoMarkup()
    {
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc" })
        {
            Assert.DoesNotContain(sink, ReportAssets.Script);
        }
    }
}
