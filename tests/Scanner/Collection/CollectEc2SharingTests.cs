using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using static Ocado.Guardrails.Tests.AwsServer.ServedSharingPlant;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `guardrails collect` reads who each EBS snapshot and AMI is shared with (describe-snapshots / describe-images of the
/// account's own, then each one's attribute) into ec2/REGION/; a scan reads them back and the two segregation rules judge
/// them exactly as they judge the same snapshot files written from the AWS CLI's output.
/// </summary>
public sealed class CollectEc2SharingTests
{
    private const string Region = "eu-west-1";
    private const string SnapshotRule = "segregation-ebs-snapshot-no-foreign-sharing";
    private const string ImageRule = "segregation-ami-no-foreign-launch-permission";
    private const string Org = "arn:aws:organizations::112233445566:organization/o-xyzabc123w";

    [Fact]
    public async Task EverySnapshotAndImageIsCollectedAcrossPagesAndJudgedAsTheCliOutputIs()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 1);
        var (owner, sameCustomer, otherCustomer) = Accounts(harness);
        var served = harness.Server.Estate.Accounts[owner];
        Snapshot(served, Region, SnapshotId(1), User(otherCustomer));
        Snapshot(served, Region, SnapshotId(2), User(sameCustomer));
        Snapshot(served, Region, SnapshotId(3));
        Image(served, Region, ImageId(1), Public());
        Image(served, Region, ImageId(2), Organization(Org));
        Image(served, Region, ImageId(3), User(sameCustomer), User(owner));

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        Assert.Empty(collected.Errors);
        var findings = Judged(Scan(collected, harness));
        Assert.Equal(
            [$"{ImageRule} {ImageId(1)} Fail", $"{ImageRule} {ImageId(2)} Fail", $"{ImageRule} {ImageId(3)} Pass",
             $"{SnapshotRule} {SnapshotId(1)} Fail", $"{SnapshotRule} {SnapshotId(2)} Pass", $"{SnapshotRule} {SnapshotId(3)} Pass"],
            findings.Select(f => $"{f.RuleId} {f.ResourceArn[(f.ResourceArn.LastIndexOf('/') + 1)..]} {f.Verdict}"));
        Assert.Contains(otherCustomer, findings.Single(f => f.RuleId == SnapshotRule && f.Verdict == Verdict.Fail).Message, StringComparison.Ordinal);
        Assert.Contains("public", findings.First(f => f.RuleId == ImageRule).Message, StringComparison.Ordinal);

        // The same estate saved as the AWS CLI prints it (what the server serves): the same findings, message for message.
        var cli = Path.Combine(harness.Output.Path, "cli");
        CopyWithoutEc2(harness.SnapshotDirectory, cli);
        SaveCliOutputs(served, SnapshotLayout.Account(cli, owner));
        Assert.Equal(findings.Select(Line), Judged(Scan(harness.ReadCollected(cli), harness)).Select(Line));

        // One attribute call per snapshot and image, every list paged (one item a page), only the owner's region asked per item.
        var ec2 = harness.Server.Requests.Where(r => r.Service == "ec2").ToList();
        Assert.Equal(3, ec2.Count(r => r.Operation == "DescribeSnapshotAttribute"));
        Assert.Equal(3, ec2.Count(r => r.Operation == "DescribeImageAttribute"));
        Assert.Contains(ec2, r => r.Operation == "DescribeSnapshots" && r.FormInput.ContainsKey("NextToken"));
        Assert.Equal(harness.Estate.Accounts.Count() * harness.Estate.Regions.Count, ec2.Count(r => r.Operation == "DescribeImages" && !r.FormInput.ContainsKey("NextToken")));
    }

    [Fact]
    public async Task ADeniedAttributeCallIsAGapNamingItThatLeavesOnlyTheSnapshotsNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2);
        var (owner, _, otherCustomer) = Accounts(harness);
        var served = harness.Server.Estate.Accounts[owner];
        Snapshot(served, Region, SnapshotId(1), User(otherCustomer));
        Image(served, Region, ImageId(1), User(otherCustomer));
        harness.Server.Ec2.Denied[(owner, "DescribeSnapshotAttribute")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        var gap = Assert.Single(summary.Gaps);
        Assert.Equal((owner, Region, ServiceResourcePolicies.Ec2SnapshotsSource), (gap.AccountId, gap.Region, gap.Source));
        Assert.Contains("ec2:DescribeSnapshotAttribute: UnauthorizedOperation", gap.Reason, StringComparison.Ordinal);
        Assert.True(gap.Covers(owner, Region, ServiceResourcePolicies.Ec2Snapshot));
        Assert.False(gap.Covers(owner, Region, ServiceResourcePolicies.Ec2Image));
        var collected = harness.ReadCollected();
        // No file half written: the region's list is absent, the gap alone says why (no second gap for the missing file).
        Assert.False(File.Exists(SnapshotLayout.SnapshotsFile(SnapshotLayout.Account(harness.SnapshotDirectory, owner), Region)));
        Assert.Equal([gap.Reason], collected.Gaps.Where(g => g.AccountId == owner).Select(g => g.Reason));
        var findings = Scan(collected, harness);
        Assert.Contains(findings, f => f.RuleId == SnapshotRule && f.Verdict == Verdict.NotAssessed && (f.AccountId, f.Region) == (owner, Region));
        Assert.DoesNotContain(findings, f => f.RuleId == SnapshotRule && f.Verdict is Verdict.Pass or Verdict.Fail);
        Assert.Single(findings, f => f.RuleId == ImageRule && f.Verdict == Verdict.Fail && f.AccountId == owner);
    }

    [Fact]
    public async Task ASnapshotDeletedBetweenTheListAndItsAttributeIsGoneNotAGap()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var owner = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        var served = harness.Server.Estate.Accounts[owner];
        Snapshot(served, Region, SnapshotId(1), permissions: null);
        Snapshot(served, Region, SnapshotId(2));

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        Assert.Equal([SnapshotId(2)], harness.ReadCollected().Resources.Where(r => r.Type == ServiceResourcePolicies.Ec2Snapshot).Select(r => r.Id));
    }

    private static (string Owner, string SameCustomer, string OtherCustomer) Accounts(CollectionHarness harness)
    {
        // Customers are pairs of accounts.
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        return (accounts[0], accounts[1], accounts[2]);
    }

    private static List<Finding> Judged(List<Finding> findings) =>
        findings.Where(f => f.RuleId is SnapshotRule or ImageRule).OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.ResourceArn, StringComparer.Ordinal).ToList();

    private static string Line(Finding f) => $"{f.RuleId} {f.ResourceArn} {f.Verdict} {f.Message}";

    private static void CopyWithoutEc2(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains(SnapshotLayout.Ec2Folder))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    /// <summary>What <c>aws ec2 describe-snapshots --owner-ids self</c> and the others print, saved where a snapshot keeps them.</summary>
    private static void SaveCliOutputs(ServedAccount account, string directory)
    {
        var outputs = account.Network[Region];
        Save(SnapshotLayout.SnapshotsFile(directory, Region), outputs["describe-snapshots"]);
        Save(SnapshotLayout.ImagesFile(directory, Region), outputs["describe-images"]);
        foreach (var (name, output) in outputs.Where(o => o.Key.Contains('/', StringComparison.Ordinal)))
        {
            var (command, id) = (name[..name.IndexOf('/')], name[(name.IndexOf('/') + 1)..]);
            Save(command == SnapshotLayout.SnapshotAttributeCommand
                ? SnapshotLayout.SnapshotAttributeFile(directory, Region, id)
                : SnapshotLayout.ImageAttributeFile(directory, Region, id), output);
        }
    }

    private static void Save(string path, JsonObject output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, output.ToJsonString());
    }

    private static List<Finding> Scan(Snapshot snapshot, CollectionHarness harness)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, harness.Estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, DateTimeOffset.UtcNow);
        var scan = new ScanEvaluator(evaluator, harness.Estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings;
    }
}
