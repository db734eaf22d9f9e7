using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Who a resource is shared with by an attribute rather than a policy. AWS Config records the RDS
/// restore attribute (supplementaryConfiguration.DBSnapshotAttributes / DBClusterSnapshotAttributes)
/// and both owners of a VPC peering (configuration.accepterVpcInfo/requesterVpcInfo.ownerId); it records
/// no sharing of EBS snapshots or AMIs, so the scanner puts them where AWS's own responses have them:
/// supplementaryConfiguration.CreateVolumePermissions as <c>aws ec2 describe-snapshot-attribute
/// --attribute createVolumePermission</c> returns it, and supplementaryConfiguration.LaunchPermissions as
/// <c>aws ec2 describe-image-attribute --attribute launchPermission</c> returns it (the whole response
/// or just its list).
/// </summary>
public static class ResourceSharing
{
    public const string SnapshotType = "AWS::EC2::Snapshot";
    public const string ImageType = "AWS::EC2::Image";
    public const string DbSnapshotType = "AWS::RDS::DBSnapshot";
    public const string DbClusterSnapshotType = "AWS::RDS::DBClusterSnapshot";
    public const string PeeringType = "AWS::EC2::VPCPeeringConnection";

    /// <summary>The group that means "every AWS account" in EC2 and RDS sharing attributes.</summary>
    public const string Everyone = "all";

    /// <summary>The grantees as AWS names them, or null when the sharing attribute was not recorded.</summary>
    public static IReadOnlyList<string>? Grantees(Resource resource) => resource.Type switch
    {
        SnapshotType => Permissions(resource.Supplementary("CreateVolumePermissions"), "CreateVolumePermissions"),
        ImageType => Permissions(resource.Supplementary("LaunchPermissions"), "LaunchPermissions"),
        DbSnapshotType => Restore(resource.Supplementary("DBSnapshotAttributes"), "DBSnapshotAttributes"),
        DbClusterSnapshotType => Restore(resource.Supplementary("DBClusterSnapshotAttributes"), "DBClusterSnapshotAttributes"),
        PeeringType => PeeringOwners(resource),
        _ => null,
    };

    /// <summary>The grantees classified against the estate; null when the sharing attribute was not recorded.</summary>
    public static IReadOnlyList<ShareGrant>? Grants(Resource resource, Estate estate) =>
        Grantees(resource)?.Select(g => Classify(g, resource.AccountId, estate)).ToList();

    /// <summary>The descriptions of several grants, for one message.</summary>
    public static string Describe(IEnumerable<ShareGrant> grants) => string.Join("; ", grants.Select(g => g.Description));

    /// <summary>An account id, <c>all</c>, or an organization / OU ARN, classified against the owner's account.</summary>
    public static ShareGrant Classify(string grantee, string ownerAccount, Estate estate)
    {
        var text = grantee.Trim();
        if (string.Equals(text, Everyone, StringComparison.OrdinalIgnoreCase))
        {
            return new(text, GrantKind.Public, "all (every AWS account: public)");
        }
        if (text.StartsWith("arn:aws:organizations:", StringComparison.Ordinal))
        {
            // Every customer may sit in the same organization, so an organization share is not a customer boundary.
            return new(text, GrantKind.UnknownAccount, $"{text} (every account of an organization or OU, not one customer's)");
        }
        if (text.Length != 12 || !text.All(char.IsAsciiDigit))
        {
            return new(text, GrantKind.UnknownAccount, $"{text} (not an account we can identify)");
        }
        return estate.Relation(text, ownerAccount) switch
        {
            AccountRelation.Own => new(text, GrantKind.Own, $"{text} (the resource's own account)"),
            AccountRelation.SameCustomer => new(text, GrantKind.SameCustomer, $"{text} (an account of the same customer)"),
            AccountRelation.Platform => new(text, GrantKind.Platform, $"{text} (a platform account)"),
            AccountRelation.OtherCustomer => new(text, GrantKind.OtherCustomer, $"{text} (an account of another customer, {estate.CustomerOf(text)?.Id})"),
            _ => new(text, GrantKind.UnknownAccount, $"{text} (an account outside the estate)"),
        };
    }

    /// <summary>[{"UserId": "..."}, {"Group": "all"}, {"OrganizationArn": "..."}, {"OrganizationalUnitArn": "..."}].</summary>
    private static List<string>? Permissions(JsonElement? recorded, string listName)
    {
        if (recorded is not { } value)
        {
            return null;
        }
        var list = JsonPath.Unwrap(value) is { ValueKind: JsonValueKind.Object } o ? JsonPath.Find(o, listName) : JsonPath.Unwrap(value);
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new FormatException($"{listName} is recorded but is not a list of permissions");
        }
        return array.EnumerateArray()
            .Select(p => new[] { "UserId", "Group", "OrganizationArn", "OrganizationalUnitArn" }
                .Select(k => Text(JsonPath.Find(p, k))).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)))
            .Where(s => s is not null).Select(s => s!).ToList();
    }

    /// <summary>[{"attributeName": "restore", "attributeValues": ["all", "123456789012"]}].</summary>
    private static List<string>? Restore(JsonElement? recorded, string listName)
    {
        if (recorded is not { } value)
        {
            return null;
        }
        var list = JsonPath.Unwrap(value) is { ValueKind: JsonValueKind.Object } o ? JsonPath.Find(o, listName) : JsonPath.Unwrap(value);
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new FormatException($"{listName} is recorded but is not a list of attributes");
        }
        return array.EnumerateArray()
            .Where(a => string.Equals(Text(JsonPath.Find(a, "AttributeName")), "restore", StringComparison.OrdinalIgnoreCase))
            .SelectMany(a => JsonPath.Find(a, "AttributeValues") is { ValueKind: JsonValueKind.Array } values ? values.EnumerateArray() : [])
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
    }

    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    /// <summary>The owners of both sides of the peering; the resource's own side is then classified Own.</summary>
    private static List<string>? PeeringOwners(Resource peering)
    {
        var owners = new[] { "AccepterVpcInfo", "RequesterVpcInfo" }
            .Select(side => peering.ConfigString(side, "OwnerId")).ToList();
        return owners.All(o => o is null) ? null : owners.Where(o => o is not null).Select(o => o!).Distinct(StringComparer.Ordinal).ToList();
    }
}
