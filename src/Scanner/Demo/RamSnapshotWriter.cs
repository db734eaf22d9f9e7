using System.Text.Json;
using Bogus;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes an account's <c>ram/REGION/</c> files as <c>aws ram ... --resource-owner SELF</c> prints them: in eu-west-1,
/// two shares that cross the customer boundary (acme-prod's subnet shared with globex-prod; initech-prod's Resolver rule
/// shared with an account outside the estate, external principals allowed) and two look-alikes (globex-dev's subnet
/// shared with globex-prod; acme-stg's prefix list shared with the platform); every other account and region has the
/// three files with empty lists. Fixed at every size, as the quota plants are.
/// </summary>
internal static class RamSnapshotWriter
{
    private sealed record Share(string Name, string ResourceArn, string ResourceType, string Principal, bool External, string? Why);

    public static void Write(RegionContext r)
    {
        // Its own random numbers, so that adding RAM changed nothing else the account generates.
        var random = new Randomizer(unchecked((r.Account.Account.Index * 104_729) + r.Region.Length));
        var shares = Plan(r, random).Select(s => (Share: s, Arn: r.Arn("ram", "resource-share/" + AwsIds.Uuid(random)))).ToList();
        var created = Iso.Seconds(DemoLayout.CollectedAt.AddDays(-200));
        List(r, SnapshotLayout.RamCommands.Shares, "resourceShares", shares, (w, s) =>
        {
            w.WriteString("resourceShareArn", s.Arn);
            w.WriteString("name", s.Share.Name);
            w.WriteString("owningAccountId", r.Id);
            w.WriteBoolean("allowExternalPrincipals", s.Share.External);
            w.WriteString("status", "ACTIVE");
            w.WriteString("creationTime", created);
            w.WriteString("lastUpdatedTime", created);
            w.WriteString("featureSet", "STANDARD");
        });
        List(r, SnapshotLayout.RamCommands.Resources, "resources", shares, (w, s) =>
        {
            w.WriteString("arn", s.Share.ResourceArn);
            w.WriteString("type", s.Share.ResourceType);
            w.WriteString("resourceShareArn", s.Arn);
            w.WriteString("status", "AVAILABLE");
            w.WriteString("creationTime", created);
            w.WriteString("lastUpdatedTime", created);
            w.WriteString("resourceRegionScope", "REGIONAL");
        });
        List(r, SnapshotLayout.RamCommands.Principals, "principals", shares, (w, s) =>
        {
            w.WriteString("id", s.Share.Principal);
            w.WriteString("resourceShareArn", s.Arn);
            w.WriteString("creationTime", created);
            w.WriteString("lastUpdatedTime", created);
            w.WriteBoolean("external", !r.Account.Layout.Accounts.Any(a => a.Id == s.Share.Principal));
        });
        foreach (var (share, arn) in shares)
        {
            r.EmitTagged(ResourceTypeNames.ResourceShare, arn, Tags(r, share.Name));
            if (share.Why is { } why)
            {
                r.Account.Violation(RuleIds.ResourceShareForeign, arn, why);
            }
        }
    }

    private static IEnumerable<Share> Plan(RegionContext r, Randomizer random)
    {
        var account = r.Account.Account;
        var layout = r.Account.Layout;
        if (r.Region != DemoLayout.Regions[0] || account.Copy != 0 || account.IsPlatform)
        {
            yield break;
        }
        string Named(string alias) => layout.Accounts.Single(a => a.Alias == alias && a.Copy == 0).Id;
        var subnet = r.Network.Vpcs.Count > 0 && r.Network.Vpcs[0].Subnets.Count > 0
            ? r.Arn("ec2", "subnet/" + r.Network.Vpcs[0].Subnets[0].Id)
            : r.Arn("ec2", "subnet/" + AwsIds.Ec2(random, "subnet"));
        switch (account.Alias)
        {
            case "acme-prod":
                yield return new("acme-prod-shared-subnet", subnet, "ec2:Subnet", Named("globex-prod"), false,
                    "acme-prod shares a subnet with globex-prod's account");
                break;
            case "initech-prod":
                yield return new("initech-prod-dns-forwarding", r.Arn("route53resolver", "resolver-rule/rslvr-rr-" + AwsIds.Hex(random, 8)),
                    "route53resolver:ResolverRule", layout.UnknownAccounts[0], true,
                    "initech-prod shares a Resolver rule with an account outside the estate, and allows external principals");
                break;
            case "globex-dev":
                yield return new("globex-dev-shared-subnet", subnet, "ec2:Subnet", Named("globex-prod"), false, null);
                break;
            case "acme-stg":
                yield return new("acme-stg-office-prefixes", r.Arn("ec2", "prefix-list/" + AwsIds.Ec2(random, "pl")), "ec2:PrefixList", layout.Platform.Id, false, null);
                break;
        }
    }

    /// <summary>Tags that pass every tagging rule, drawn without the account's random numbers.</summary>
    private static TagSet Tags(RegionContext r, string name)
    {
        var account = r.Account.Account;
        return new TagSet()
            .Set("Name", name)
            .Set("owner", account.Team.Owners[0])
            .Set("customer", account.CustomerTag)
            .Set("environment", account.Environment)
            .Set("cost-centre", account.Team.CostCentres[0])
            .Set("application", "network");
    }

    private static void List<T>(RegionContext r, string command, string list, IEnumerable<T> items, Action<Utf8JsonWriter, T> write) =>
        CliListFile.Write(SnapshotLayout.RamFile(r.Account.Directory, r.Region, command), list, items, write);
}
