using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `guardrails collect` reads the AWS organisation named by organization: into organizations/, in the AWS CLI's own
/// output forms, page by page; the official CLI prints the same for each call; what cannot be read is one gap.
/// </summary>
public sealed class CollectOrganizationTests
{
    private const string Region = "eu-west-1";

    private static async Task<CollectionHarness> StartAsync(int accounts = 5, int maxPage = 1)
    {
        var harness = await CollectionHarness.StartAsync(accounts, resourcesPerRegion: 2, maxPage: maxPage, regions: [Region]);
        var served = harness.Server.Estate;
        var organization = ServedOrganization.Build(served.CallerAccount, served.Accounts.Keys.Order(StringComparer.Ordinal));
        organization.AddPolicy("p-denyiamwrites", "DenyCriticalIamUserActions", ServedOrganization.ServiceControl,
            OrganizationExamples.DenyCriticalIamUserActions("arn:aws:iam::*:role/break-glass"));
        organization.Attach("ou-ab12-w0rkl0ad", "p-denyiamwrites");
        organization.AddPolicy("p-ouperimeter", "IntraOrganizationBoundary", ServedOrganization.ResourceControl,
            OrganizationExamples.IntraOrganizationBoundary(organization.OrganizationId, organization.RootId, "ou-ab12-cust0mer"));
        organization.Attach("ou-ab12-cust0mer", "p-ouperimeter");
        served.Organization = organization;
        return harness;
    }

    private static OrganizationSettings From(CollectionHarness harness, string? account = null) =>
        new(account ?? harness.Server.Estate.CallerAccount, AwsSettings.DefaultRoleName, CollectionHarness.ExternalId);

    private static async Task<CollectionSummary> CollectAsync(CollectionHarness harness, OrganizationSettings? organization)
    {
        using var http = new HttpClient();
        var collector = new Ocado.Guardrails.Scanner.Collection.Collector(new Ocado.Guardrails.Scanner.Collection.CollectorOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey),
            Http = http,
            Endpoints = harness.Endpoints,
            Log = harness.Log,
            CredentialReportPollInterval = TimeSpan.FromMilliseconds(5),
        });
        return await collector.RunAsync(harness.Estate, CollectionHarness.FastSettings(), harness.SnapshotDirectory, TestContext.Current.CancellationToken, organization);
    }

    private static Dictionary<string, string> Files(string snapshot) =>
        Directory.EnumerateFiles(SnapshotLayout.Organizations(snapshot), "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(snapshot, f), File.ReadAllText, StringComparer.Ordinal);

    [Fact]
    public async Task EveryPageOfTheOrganizationIsCollectedAsTheServerServesIt()
    {
        await using var harness = await StartAsync();

        var summary = await CollectAsync(harness, From(harness));

        Assert.Empty(summary.Gaps);
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        var served = Files(harness.ServedDirectory);
        var collected = Files(harness.SnapshotDirectory);
        Assert.Equal(served.Keys.Order(StringComparer.Ordinal), collected.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, text) in served)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(collected[file])), $"{file}\nserved:    {text}\ncollected: {collected[file]}");
        }
        // One account per page: every list of more than one entry was followed through its NextToken.
        Assert.Contains(harness.Server.Requests, r => r.Operation == "ListAccountsForParent" && r.JsonInput.Contains("NextToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryOrganizationsRequestConformsToAwssServiceModel()
    {
        AwsCli.Require();
        await using var harness = await StartAsync(accounts: 3, maxPage: 1);

        await CollectAsync(harness, From(harness));

        var requests = harness.Server.Requests.Where(r => r.Service == "organizations").ToList();
        Assert.Equal(
            ["DescribePolicy", "ListAccountsForParent", "ListOrganizationalUnitsForParent", "ListPoliciesForTarget", "ListRoots"],
            requests.Select(r => r.Operation).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(requests.SelectMany(r => ServiceModels.Check("organizations", r.Operation, JsonNode.Parse(r.JsonInput)).Select(p => $"{r.Operation}: {p}")).Distinct());
        Assert.All(requests, r => Assert.Equal("us-east-1", r.Region));
    }

    [Fact]
    public async Task TheCollectedFilesEqualWhatTheOfficialAwsCliPrintsForTheSameCalls()
    {
        AwsCli.Require();
        await using var harness = await StartAsync(accounts: 3, maxPage: 2);
        await CollectAsync(harness, From(harness));
        var organization = harness.Server.Estate.Organization!;
        var snapshot = harness.SnapshotDirectory;
        var account = organization.AllAccounts().First(a => harness.Estate.IsKnown(a));
        var calls = new List<(string File, string[] Arguments)> { (SnapshotLayout.OrganizationRoots(snapshot), ["list-roots"]) };
        foreach (var parent in organization.AllParents())
        {
            calls.Add((SnapshotLayout.OrganizationalUnits(snapshot, parent), ["list-organizational-units-for-parent", "--parent-id", parent]));
            calls.Add((SnapshotLayout.OrganizationAccounts(snapshot, parent), ["list-accounts-for-parent", "--parent-id", parent]));
        }
        foreach (var target in new[] { organization.RootId, "ou-ab12-cust0mer", "ou-ab12-w0rkl0ad", account })
        {
            foreach (var filter in new[] { ServedOrganization.ServiceControl, ServedOrganization.ResourceControl })
            {
                calls.Add((SnapshotLayout.PoliciesForTarget(snapshot, target, filter), ["list-policies-for-target", "--target-id", target, "--filter", filter]));
            }
        }
        calls.AddRange(organization.PolicyById.Keys.Select(id => (SnapshotLayout.OrganizationPolicy(snapshot, id), new[] { "describe-policy", "--policy-id", id })));

        // The CLI starts slowly: a few at a time.
        using var slots = new SemaphoreSlim(4);
        var printed = await Task.WhenAll(calls.Select(async call =>
        {
            await slots.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return (call.File, Cli: await AwsCli.JsonAsync(harness.Server, Region, ["organizations", .. call.Arguments]));
            }
            finally
            {
                slots.Release();
            }
        }));

        foreach (var (file, cli) in printed)
        {
            var written = JsonNode.Parse(File.ReadAllText(file));
            Assert.True(JsonNode.DeepEquals(cli, written), $"{Path.GetRelativePath(snapshot, file)}\nthe CLI printed: {cli.ToJsonString()}\ncollect wrote:   {written!.ToJsonString()}");
        }
        Assert.Contains(printed, p => p.Cli["Accounts"] is JsonArray { Count: > 0 } accounts && accounts[0]!["JoinedTimestamp"]!.GetValue<string>().EndsWith("+00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccountThatMayNotReadTheOrganizationIsOneGapNamingWhatWasNotRead()
    {
        await using var harness = await StartAsync(accounts: 2);
        var member = harness.Estate.Accounts.First();

        var summary = await CollectAsync(harness, From(harness, member));

        var gap = Assert.Single(summary.Gaps);
        Assert.Equal((member, (string?)null, CoverageGap.Sources.Organizations), (gap.AccountId, gap.Region, gap.Source));
        Assert.StartsWith("access denied: organizations:ListRoots: AccessDeniedException", gap.Reason, StringComparison.Ordinal);
        var organization = SnapshotReader.Read(harness.SnapshotDirectory, harness.Estate).Organization;
        Assert.Null(organization.Organization);
        Assert.Contains("AccessDeniedException", organization.WithoutNote, StringComparison.Ordinal);
        Assert.Contains("judged without SCPs/RCPs", organization.WithoutNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountOutsideAnyOrganizationAndADeniedRoleAreGapsToo()
    {
        await using var harness = await StartAsync(accounts: 2);
        harness.Server.Estate.Organization = null;

        var outside = await CollectAsync(harness, From(harness));

        Assert.Contains("the account is not in an organisation", Assert.Single(outside.Gaps).Reason, StringComparison.Ordinal);

        await using var denied = await StartAsync(accounts: 2);
        denied.Server.Faults.DeniedAssumeRole[denied.Server.Estate.CallerAccount] = true;
        var refused = await CollectAsync(denied, From(denied));
        var gap = Assert.Single(refused.Gaps);
        Assert.Equal(CoverageGap.Sources.Organizations, gap.Source);
        Assert.StartsWith("the audit role could not be assumed", gap.Reason, StringComparison.Ordinal);
        Assert.NotNull(SnapshotReader.Read(denied.SnapshotDirectory, denied.Estate).Organization.NotReadReason);
    }

    [Fact]
    public async Task WithoutAnOrganizationSectionNothingIsAskedOfOrganizationsAndNothingIsMissing()
    {
        await using var harness = await StartAsync(accounts: 2);

        var summary = await CollectAsync(harness, null);

        Assert.Empty(summary.Gaps);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Service == "organizations");
        var organization = SnapshotReader.Read(harness.SnapshotDirectory, harness.Estate).Organization;
        Assert.Equal((null, null), (organization.Organization, organization.NotReadReason));
    }
}
