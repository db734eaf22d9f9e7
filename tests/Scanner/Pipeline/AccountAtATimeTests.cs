using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// `guardrails scan` reads and judges one account at a time, streaming its resources: a rule's Inventory is the
/// judged resource's account's index (its IAM: what rules look up), never the whole estate, and never the
/// account's other resources, which are judged in batches and not held.
/// </summary>
public sealed class AccountAtATimeTests
{
    [Fact]
    public void ARuleSeesOnlyTheIamOfTheJudgedResourcesAccount()
    {
        using var snapshot = new HandMadeSnapshot();
        snapshot.Bucket("111111111111", "acme-orders", HandMadeSnapshot.CompliantTags("acme"))
            .Bucket("111111111111", "acme-invoices", HandMadeSnapshot.CompliantTags("acme"))
            .Bucket("333333333333", "globex-orders", HandMadeSnapshot.CompliantTags("globex"))
            .Role("111111111111", "acme-app").Role("333333333333", "globex-app");
        var extra = Directory.CreateDirectory(Path.Combine(snapshot.Root, "extra-rules", "tagging")).FullName;
        File.WriteAllText(Path.Combine(extra, "tagging-inventory-seen.csx"), """
            // id: tagging-inventory-seen
            // title: Reports what the inventory holds
            // severity: low
            // resource-types: AWS::S3::Bucket
            // remediation: Nothing to fix: the rule reports what it can see.
            var accounts = Inventory.All.Select(r => r.AccountId).Distinct().OrderBy(a => a);
            return Fail($"buckets {Inventory.OfType("AWS::S3::Bucket").Count}, roles {Inventory.OfType("AWS::IAM::Role").Count}, accounts {string.Join(",", accounts)}");
            """);

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--rules", Path.Combine(snapshot.Root, "extra-rules"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(snapshot.Out, "findings.json")));
        var seen = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "tagging-inventory-seen")
            .ToDictionary(f => f.GetProperty("resourceArn").GetString()!, f => f.GetProperty("message").GetString());
        Assert.Equal("buckets 0, roles 1, accounts 111111111111", seen["arn:aws:s3:::acme-orders"]);
        Assert.Equal("buckets 0, roles 1, accounts 111111111111", seen["arn:aws:s3:::acme-invoices"]);
        Assert.Equal("buckets 0, roles 1, accounts 333333333333", seen["arn:aws:s3:::globex-orders"]);
        Assert.Contains("scanned 2/2 accounts", run.Error);
    }
}
