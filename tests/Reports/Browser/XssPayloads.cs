using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// Hostile text where AWS lets anyone put text: tag keys and values, resource names (so ARNs),
/// policy documents, and the messages rules build from them; plus rule headers, a customer's name
/// and a gap reason. Each payload would show itself if it ran: a dialog, a new title or a request.
/// </summary>
internal static class XssPayloads
{
    public static readonly string[] All =
    [
        "<img src=x onerror=alert('img')>",
        "<script>document.title='pwned-script'</script>",
        "\"><svg onload=alert('svg')>",
        "</script><script>alert('close-script')</script><!--",
        "<iframe srcdoc=\"<script>parent.alert('srcdoc')</script>\"></iframe>",
        "javascript:alert('href')",
        "<img src=\"https://attacker.example/pixel.png\">",
        "<a href=\"https://attacker.example/\" autofocus onfocus=\"alert('focus')\">x</a>",
        "'-alert('quote')-'",
        "<style>@import url(https://attacker.example/x.css);</style>",
        "<base href=\"https://attacker.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://attacker.example/\">",
        "{{constructor.constructor('alert(\"template\")')()}}",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
        "\u2028\u2029<img src=x onerror=alert('separators')>",
    ];

    public const string RuleId = "segregation-bucket-policy-no-foreign-customer";

    /// <summary>One finding per payload, each payload in a tag key, a tag value, the resource name, the policy document and the message.</summary>
    public static ScanResult Scan()
    {
        var rule = new RuleHeader
        {
            Id = RuleId,
            Title = "Bucket policies grant no other customer access " + All[1],
            Severity = Severity.High,
            ResourceTypes = ["AWS::S3::Bucket"],
            Remediation = "Remove the statement. " + All[0],
            Rationale = All[3],
            Controls = [All[2], All[9]],
            References = [All[5], "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html"],
        };
        var builder = new ScanBuilder()
            .WithCustomer("acme", "Acme " + All[0], ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount)
            .WithGap(ScanBuilder.AcmeSecondAccount, "eu-west-1", reason: "AccessDenied " + All[10]);
        for (var i = 0; i < All.Length; i++)
        {
            var payload = All[i];
            var arn = $"arn:aws:s3:::bucket-{i}-{payload}";
            var statement = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + Escape(payload) + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"" + Escape(arn) + "/*\"}";
            builder.WithFinding(
                RuleId,
                Verdict.Fail,
                arn: arn,
                type: "AWS::S3::Bucket",
                region: "global",
                message: $"bucket-{i}-{payload} grants {payload} access: {statement}",
                tags: new Dictionary<string, string> { [payload] = "key-" + i, ["value-" + i] = payload },
                status: FindingStatus.New,
                firstSeen: ScanBuilder.FinishedAt);
        }
        return builder.Build() with { Rules = [rule] };
    }

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
