using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>The readers take AWS's own output, as AWS and its tools wrote it (tests/data/real).</summary>
public sealed class RealSampleTests
{
    private static readonly string[] MalformedUpstream = ["AWS_EC2_NetworkInterface.json", "AWS_SSM_ManagedInstanceInventory_Linux.json"];
    private const string Misattributed = "AWS_Cloudtrail_Trail.json";

    [Fact]
    public void EveryRealConfigurationItemIsReadAndTheTwoMalformedOnesNameTheirFile()
    {
        var folder = Fixtures.Real("aws-config", "example-configuration-items");
        var read = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (MalformedUpstream.Contains(Path.GetFileName(file)))
            {
                var error = Assert.Throws<SnapshotFormatException>(() => ConfigFiles.Read(file));
                Assert.Contains(Path.GetFileName(file), error.Message);
                Assert.Contains("invalid JSON", error.Message);
                continue;
            }
            var resource = Assert.Single(ConfigFiles.Read(file));
            Assert.StartsWith("AWS::", resource.Type, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(resource.Arn), file);
            // Upstream samples are hand-edited: some account ids have 11 or 13 digits. They are read as given.
            Assert.Matches("^[0-9]+$", resource.AccountId);
            read++;
        }
        Assert.Equal(78, read);
    }

    [Fact]
    public void ABucketsPolicyTextInsideSupplementaryConfigurationIsReadAsJson()
    {
        var bucket = Assert.Single(ConfigFiles.Read(Fixtures.Real("aws-config", "example-configuration-items", "AWS_S3_Bucket.json")));

        var policy = bucket.Supplementary("BucketPolicy", "policyText", "Statement");

        Assert.Equal(JsonValueKind.Array, policy?.ValueKind);
        Assert.Equal("Deny", policy!.Value[0].GetProperty("Effect").GetString());
    }

    [Fact]
    public void ASnapshotWithTheMalformedSamplesReadsTheRestAndRecordsAGapPerBadFile()
    {
        using var snapshot = new TemporaryDirectory();
        var samples = Directory.EnumerateFiles(Fixtures.Real("aws-config", "example-configuration-items"), "*.json").ToList();
        var placed = new List<string>();
        foreach (var file in samples)
        {
            // Each sample goes into its own account's folder: an item is read only from the folder of its account.
            var account = MalformedUpstream.Contains(Path.GetFileName(file)) ? "934654633380" : ConfigFiles.Read(file)[0].AccountId;
            if (!SnapshotLayout.IsAccountFolder(account))
            {
                // Hand-edited upstream ids of 11 or 13 digits name no account folder.
                continue;
            }
            var config = Directory.CreateDirectory(Path.Combine(snapshot.Path, account, "config")).FullName;
            File.Copy(file, Path.Combine(config, Path.GetFileName(file)));
            placed.Add(file);
        }

        var result = SnapshotReader.Read(snapshot.Path, Ocado.Guardrails.Rules.Estates.Estate.Empty);

        // The upstream trail sample says account 212591712841 and has an ARN of 123456789012: whose it is, is unknown.
        Assert.Equal(3, result.Errors.Count);
        Assert.All(MalformedUpstream, name => Assert.Contains(result.Errors, e => e.Contains(name, StringComparison.Ordinal)));
        Assert.Contains(result.Errors, e => e.Contains(Misattributed, StringComparison.Ordinal) && e.Contains("names account 123456789012", StringComparison.Ordinal));
        Assert.Equal(3, result.Gaps.Count);
        var distinctArns = placed
            .Where(f => !MalformedUpstream.Contains(Path.GetFileName(f)) && Path.GetFileName(f) != Misattributed)
            .SelectMany(ConfigFiles.Read)
            .Select(r => r.Arn)
            .Distinct()
            .Count();
        Assert.Equal(distinctArns, result.Resources.Count);
        Assert.True(distinctArns > 70, $"{distinctArns} samples read");
    }

    [Fact]
    public void TheRealAuthorizationDetailsDumpGivesEveryUserGroupRoleAndPolicy()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("iam-authz-details", "cloudsplaining-iam-vulnerable-authz-details.json")));

        var resources = AuthorizationDetails.ToResources(document.RootElement).ToList();

        Assert.Equal(41, resources.Count(r => r.Type == "AWS::IAM::User"));
        Assert.Equal(3, resources.Count(r => r.Type == "AWS::IAM::Group"));
        Assert.Equal(75, resources.Count(r => r.Type == "AWS::IAM::Role"));
        Assert.Equal(56, resources.Count(r => r.Type == "AWS::IAM::Policy"));
    }

    [Fact]
    public void TheCliExampleOfAuthorizationDetailsIsReadAndItsTruncationIsAGap()
    {
        using var snapshot = new TemporaryDirectory();
        // The account the example's ARNs name: its entries are read only from that account's folder.
        var iam = Directory.CreateDirectory(Path.Combine(snapshot.Path, "123456789012", "iam")).FullName;
        File.Copy(Fixtures.Real("aws-cli-examples", "iam", "get-account-authorization-details.output.json"), Path.Combine(iam, "authorization-details.json"));

        var result = SnapshotReader.Read(snapshot.Path, Ocado.Guardrails.Rules.Estates.Estate.Empty);

        Assert.Equal(10, result.Resources.Count);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal("iam", gap.Source);
        Assert.Contains("IsTruncated", gap.Reason);
    }

    [Fact]
    public void TheTaggingApiSampleWithALeadingSpaceInItsArnIsReadAsAResource()
    {
        var mappings = TaggingFiles.Read(Fixtures.Real("aws-cli-examples", "resourcegroupstaggingapi", "get-resources.output.json"));

        var (arn, tags) = Assert.Single(mappings);
        Assert.Equal("arn:aws:inspector:us-west-2:123456789012:target/0-nvgVhaxX/template/0-7sbz2Kz0", arn);
        Assert.Equal("Production", tags["Environment"]);
    }

    [Theory]
    [InlineData("cloud-custodian-test_bedrock_model_invocation_job_tag_actions_v2.GetResources_1.json", 44, 18)]
    [InlineData("cloud-custodian-test_copy_related_tag_resourcegroupstaggingapi.GetResources_1.json", 1, 1)]
    [InlineData("cloud-custodian-test_rds_snapshot_region_copy_many.GetResources_1.json", 9, 9)]
    public void RecordedTaggingResponsesAreReadWithTheirTags(string file, int resources, int withoutOwner)
    {
        var mappings = TaggingFiles.Read(Fixtures.Real("tagging", file));

        Assert.Equal(resources, mappings.Count);
        Assert.Equal(withoutOwner, mappings.Count(m => !m.Tags.ContainsKey("Owner")));
    }

    [Fact]
    public void TheRealServiceQuotaListsAreRead()
    {
        Assert.Equal(592, QuotaFiles.Read(Fixtures.Real("service-quotas", "cloud-custodian-2019-list-service-quotas.json")).Count);
        foreach (var file in Directory.EnumerateFiles(Fixtures.Real("service-quotas", "cloud-custodian-test_service_quota"), "servicequotas.List*ServiceQuotas_*.json"))
        {
            Assert.NotEmpty(QuotaFiles.Read(file));
        }
        foreach (var name in new[] { "get-aws-default-service-quota", "get-service-quota", "list-aws-default-service-quotas", "list-service-quotas" })
        {
            Assert.NotEmpty(QuotaFiles.Read(Fixtures.Real("aws-cli-examples", "service-quotas", name + ".output.json")));
        }
    }

    [Fact]
    public void AQuotaWithoutAnAccountInItsArnBelongsToTheAccountItWasCollectedFrom()
    {
        var quota = QuotaFiles.Read(Fixtures.Real("aws-cli-examples", "service-quotas", "get-aws-default-service-quota.output.json"))[0];

        var resource = QuotaFiles.ToResource(quota, "111111111111", "us-east-2", new InventoryCounts());

        Assert.Equal("arn:aws:servicequotas:us-east-2:111111111111:ec2/L-1216C47A", resource.Arn);
        Assert.Equal(ResourceTypeNames.Quota, resource.Type);
        Assert.Null(resource.Supplementary("Usage"));
    }
}
