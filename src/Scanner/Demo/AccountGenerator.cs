using Bogus;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>Generates every file of one account: IAM first (the regions' resources use its roles), then each region, then quotas.</summary>
internal static class AccountGenerator
{
    /// <summary>Roughly the quotas written per account (13 regional twice, 4 global, the uncounted extras).</summary>
    private const int QuotasPerAccount = 40;

    /// <summary>A region never has fewer resources than this, so that every resource type appears in it.</summary>
    private const int MinimumRegionBudget = 60;

    public static void Generate(AccountContext context, int accountBudget)
    {
        var iam = IamPlanner.Plan(context);
        UnusedAccessWriter.PlanRoleUse(context, iam);
        AuthorizationDetailsWriter.Write(context, iam);
        CredentialReportWriter.Write(context, iam);
        UnusedAccessWriter.Write(context, iam);
        using (var tagging = new TaggingWriter(SnapshotLayout.TaggingFile(context.Directory, DemoLayout.GlobalRegion)))
        {
            iam.Users.ForEach(u => tagging.Write(u.Arn, u.Tags));
            iam.Roles.ForEach(r => tagging.Write(r.Arn, r.Tags));
            iam.Policies.ForEach(p => tagging.Write(p.Arn, p.Tags));
        }
        var regionBudget = Math.Max(MinimumRegionBudget, (accountBudget - iam.Count - QuotasPerAccount) / DemoLayout.Regions.Count);
        foreach (var region in DemoLayout.Regions)
        {
            var plan = RegionPlan.Create(context.Account, region, regionBudget);
            using var config = new ConfigSnapshotWriter(SnapshotLayout.Config(context.Directory), context.Id, region,
                new Randomizer(context.Random.Int()));
            using var tagging = new TaggingWriter(SnapshotLayout.TaggingFile(context.Directory, region));
            var r = new RegionContext(context, region, plan, iam, config, tagging);
            r.Network = NetworkGenerator.Generate(r);
            NetworkSnapshotWriter.Write(r, context.Layout.Hub);
            ComputeGenerator.Generate(r);
            DatabaseGenerator.Generate(r);
            DynamoDbSnapshotWriter.Write(r);
            ServerlessGenerator.Generate(r);
            StorageGenerator.Generate(r);
            MessagingGenerator.Generate(r);
            KeyGenerator.Generate(r);
            RamSnapshotWriter.Write(r);
            Ec2SharingWriter.Write(r);
        }
        QuotaWriter.Write(context);
        context.FlushProgress();
    }
}
