using System.Text.Json;
using Bogus;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes an account's <c>ec2/REGION/</c> files as <c>aws ec2 describe-snapshots --owner-ids self</c>, <c>describe-images
/// --owners self</c> and each one's attribute print them. In eu-west-1: acme-prod's snapshot shared with globex-prod's
/// account and its public AMI; initech-prod's snapshot shared with an account outside the estate and its AMI shared with
/// the whole organisation; two look-alikes (globex-dev's snapshot shared with globex-prod, acme-stg's AMI shared with the
/// platform). Every other account and region has the two lists, empty. Fixed at every size, as the RAM shares are.
/// </summary>
internal static class Ec2SharingWriter
{
    private sealed record Shared(string Id, string Name, bool IsImage, string Grantee, string GranteeKey, string? Why);

    public static void Write(RegionContext r)
    {
        // Its own random numbers, so that adding these files changed nothing else the account generates.
        var random = new Randomizer(unchecked((r.Account.Account.Index * 7_919) + r.Region.Length));
        var planned = Plan(r, random).ToList();
        var created = DemoLayout.CollectedAt.AddDays(-30);
        var snapshots = planned.Where(s => !s.IsImage).ToList();
        var images = planned.Where(s => s.IsImage).ToList();
        CliListFile.Write(SnapshotLayout.SnapshotsFile(r.Account.Directory, r.Region), "Snapshots", snapshots, (w, s) =>
        {
            w.WriteString("Description", s.Name);
            w.WriteBoolean("Encrypted", true);
            w.WriteString("OwnerId", r.Id);
            w.WriteString("Progress", "100%");
            w.WriteString("SnapshotId", s.Id);
            w.WriteString("StartTime", Iso.Seconds(created));
            w.WriteString("State", "completed");
            w.WriteString("VolumeId", "vol-" + s.Id[5..]);
            w.WriteNumber("VolumeSize", 100);
            Tags(r, s.Name).WriteArray(w, "Tags", "Key", "Value");
        });
        CliListFile.Write(SnapshotLayout.ImagesFile(r.Account.Directory, r.Region), "Images", images, (w, s) =>
        {
            w.WriteString("Architecture", "x86_64");
            w.WriteString("CreationDate", Iso.Seconds(created));
            w.WriteString("ImageId", s.Id);
            w.WriteString("ImageType", "machine");
            w.WriteBoolean("Public", s.GranteeKey == "Group");
            w.WriteString("OwnerId", r.Id);
            w.WriteString("State", "available");
            w.WriteString("Name", s.Name);
            w.WriteString("RootDeviceType", "ebs");
            Tags(r, s.Name).WriteArray(w, "Tags", "Key", "Value");
        });
        foreach (var s in planned)
        {
            var (path, list, idName) = s.IsImage
                ? (SnapshotLayout.ImageAttributeFile(r.Account.Directory, r.Region, s.Id), "LaunchPermissions", "ImageId")
                : (SnapshotLayout.SnapshotAttributeFile(r.Account.Directory, r.Region, s.Id), "CreateVolumePermissions", "SnapshotId");
            using (var stream = SnapshotWriter.Create(path))
            using (var w = new Utf8JsonWriter(stream, SnapshotWriter.Indented))
            {
                w.WriteStartObject();
                w.WriteStartArray(list);
                w.WriteStartObject();
                w.WriteString(s.GranteeKey, s.Grantee);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString(idName, s.Id);
                w.WriteEndObject();
            }
            var arn = r.Arn("ec2", (s.IsImage ? "image/" : "snapshot/") + s.Id);
            r.EmitTagged(s.IsImage ? ServiceResourcePolicies.Ec2Image : ServiceResourcePolicies.Ec2Snapshot, arn, Tags(r, s.Name));
            if (s.Why is { } why)
            {
                r.Account.Violation(s.IsImage ? RuleIds.ImageForeign : RuleIds.SnapshotForeign, arn, why);
            }
        }
    }

    private static IEnumerable<Shared> Plan(RegionContext r, Randomizer random)
    {
        var account = r.Account.Account;
        var layout = r.Account.Layout;
        if (r.Region != DemoLayout.Regions[0] || account.Copy != 0 || account.IsPlatform)
        {
            yield break;
        }
        string Named(string alias) => layout.Accounts.Single(a => a.Alias == alias && a.Copy == 0).Id;
        string Snapshot() => AwsIds.Ec2(random, "snap");
        string Image() => AwsIds.Ec2(random, "ami");
        switch (account.Alias)
        {
            case "acme-prod":
                yield return new(Snapshot(), "acme-prod-orders-db-backup", false, Named("globex-prod"), "UserId", "acme-prod's snapshot can be restored by globex-prod's account");
                yield return new(Image(), "acme-prod-base-image", true, "all", "Group", "acme-prod's AMI is public (launch permission: group all)");
                break;
            case "initech-prod":
                yield return new(Snapshot(), "initech-prod-ledger-backup", false, layout.UnknownAccounts[0], "UserId",
                    "initech-prod's snapshot can be restored by an account outside the estate");
                yield return new(Image(), "initech-prod-base-image", true, $"arn:aws:organizations::{DemoLayout.ManagementAccountId}:organization/{layout.OrganizationId}",
                    "OrganizationArn", "initech-prod's AMI can be launched by every account of the organisation, other customers' included");
                break;
            case "globex-dev":
                yield return new(Snapshot(), "globex-dev-refresh-backup", false, Named("globex-prod"), "UserId", null);
                break;
            case "acme-stg":
                yield return new(Image(), "acme-stg-base-image", true, layout.Platform.Id, "UserId", null);
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
            .Set("application", "storage");
    }
}
