using System.Text;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Tests.Reports;

public sealed class HtmlReportSizeTests
{
    private const int Findings = 100_000;
    private const long MaxBytes = 10L * 1024 * 1024;

    /// <summary>What the browser inflates and parses: the bulk of the time to open the page.</summary>
    private const long MaxDataBytes = 24L * 1024 * 1024;

    private static readonly string[] Rules =
    [
        "tagging-required-tags", "tagging-cost-centre-valid", "segregation-bucket-policy-no-foreign-customer",
        "segregation-kms-key-policy-no-foreign-customer", "segregation-role-trust-no-foreign-customer",
        "iam-policy-no-admin-wildcard", "iam-user-no-console-without-mfa", "iam-access-key-rotated",
        "iam-no-privilege-escalation", "quotas-headroom",
    ];

    private static readonly string[] Regions = ["eu-west-1", "eu-central-1", "us-east-1"];

    private static readonly string[] Types = ["AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::Lambda::Function"];

    /// <summary>
    /// A large estate's worth of findings with realistic, mostly distinct ARNs and messages: the
    /// values the report cannot share between rows.
    /// </summary>
    private static ScanBuilder LargeEstate()
    {
        var builder = new ScanBuilder();
        var accounts = new List<string>();
        for (var c = 0; c < 40; c++)
        {
            var customerAccounts = Enumerable.Range(0, 5).Select(a => (500_000_000_000L + c * 10 + a).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            accounts.AddRange(customerAccounts);
            builder.WithCustomer($"customer-{c:00}", $"Customer Number {c:00} Limited", customerAccounts);
        }
        foreach (var (rule, i) in Rules.Select((r, i) => (r, i)))
        {
            builder.WithRule(rule, (Severity)(i % 5));
        }
        for (var i = 0; i < Findings; i++)
        {
            var account = accounts[i % accounts.Count];
            var region = Regions[i % Regions.Length];
            var resource = $"{Types[i % Types.Length].Split("::")[1].ToLowerInvariant()}-{i / 2:000000}-orders-processing-{region}";
            builder.WithFinding(
                Rules[i % Rules.Length],
                i % 7 == 0 ? Verdict.NotAssessed : i % 11 == 0 ? Verdict.Suppressed : Verdict.Fail,
                accountId: account,
                arn: $"arn:aws:{Types[i % Types.Length].Split("::")[1].ToLowerInvariant()}:{region}:{account}:{resource}",
                message: $"{resource} is missing the tags owner, cost-centre and environment; add them or waive the rule with a reason and expiry",
                region: region,
                type: Types[i % Types.Length]);
        }
        return builder;
    }

    [Fact]
    public async Task RenderingOneHundredThousandFindingsProducesAFileUnderTenMegabytes()
    {
        var html = await ReportHtml.RenderAsync(LargeEstate().Build());

        var bytes = Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < MaxBytes, $"report.html is {bytes:N0} bytes");
        var data = Encoding.UTF8.GetByteCount(ReportHtml.DataText(html));
        Assert.True(data < MaxDataBytes, $"the findings data inflates to {data:N0} bytes");
        Assert.Contains("100,000", html);
    }
}
