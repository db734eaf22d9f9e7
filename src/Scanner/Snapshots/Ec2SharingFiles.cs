using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads an account's own EBS snapshots and AMIs in one region with who may use them, each file as the AWS CLI prints it:
/// <c>ec2/REGION/describe-snapshots.json</c> with <c>describe-snapshot-attribute/SNAPSHOT.json</c> (createVolumePermission)
/// for each snapshot, <c>ec2/REGION/describe-images.json</c> with <c>describe-image-attribute/IMAGE.json</c>
/// (launchPermission) for each image. The attribute goes where the rules read it (<c>supplementaryConfiguration.
/// CreateVolumePermissions</c> / <c>LaunchPermissions</c>, see ResourceSharing). Anything malformed or missing is a
/// <see cref="SnapshotFormatException"/> naming the file: the region's snapshots (or images) are then a gap, never "not shared".
/// </summary>
internal static class Ec2SharingFiles
{
    /// <summary>https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html</summary>
    public static List<Resource> ReadSnapshots(string accountDirectory, string account, string region, string? root, InputLimits limits) =>
        Read(new Kind(ServiceResourcePolicies.Ec2Snapshot, "Snapshots", "SnapshotId", "snapshot", "CreateVolumePermissions", ["UserId", "Group"],
                SnapshotLayout.IsSnapshotId, id => SnapshotLayout.SnapshotAttributeFile(accountDirectory, region, id), SnapshotLayout.SnapshotAttributeCommand),
            SnapshotLayout.SnapshotsFile(accountDirectory, region), account, region, root, limits);

    /// <summary>https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html</summary>
    public static List<Resource> ReadImages(string accountDirectory, string account, string region, string? root, InputLimits limits) =>
        Read(new Kind(ServiceResourcePolicies.Ec2Image, "Images", "ImageId", "image", "LaunchPermissions", ["UserId", "Group", "OrganizationArn", "OrganizationalUnitArn"],
                SnapshotLayout.IsImageId, id => SnapshotLayout.ImageAttributeFile(accountDirectory, region, id), SnapshotLayout.ImageAttributeCommand),
            SnapshotLayout.ImagesFile(accountDirectory, region), account, region, root, limits);

    /// <summary>What differs between snapshots and images: their names in AWS's answers, and where each one's attribute file is.</summary>
    private sealed record Kind(string Type, string ListName, string IdName, string ArnKind, string PermissionsName, string[] Grantees,
        Func<string, bool> IsId, Func<string, string> AttributeFile, string AttributeCommand);

    private static List<Resource> Read(Kind kind, string listFile, string account, string region, string? root, InputLimits limits)
    {
        var (path, entries) = ServicePolicyFiles.List(listFile, kind.ListName, "NextToken", root, limits);
        var read = new List<Resource>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, where) = (entries[i], $"{path}: {kind.ListName}[{i}]");
            var id = ServicePolicyFiles.Required(entry, kind.IdName, where);
            if (!kind.IsId(id))
            {
                throw new SnapshotFormatException($"{where}: {kind.IdName} '{id}' is not an EC2 {kind.ArnKind} id");
            }
            if (AwsJson.Text(entry, "OwnerId", where) is { } owner && owner != account)
            {
                throw new SnapshotFormatException($"{where}: {id} is owned by {owner}, not by account {account}: not the account's own {kind.ListName}");
            }
            var tags = Tags(entry, where);
            var name = kind.Type == ServiceResourcePolicies.Ec2Image ? AwsJson.Text(entry, "Name", where) : null;
            read.Add(new Resource
            {
                Type = kind.Type, Arn = $"arn:{ServicePolicyFiles.Partition(region)}:ec2:{region}:{account}:{kind.ArnKind}/{id}", Id = id,
                Name = name ?? tags.GetValueOrDefault("Name") ?? "", AccountId = account, Region = region, Configuration = entry, Tags = tags,
                SupplementaryConfiguration = new Dictionary<string, JsonElement> { [kind.PermissionsName] = Permissions(kind, id, root, limits) },
            });
        }
        return read;
    }

    /// <summary>One attribute file: the CLI's whole answer, its list of permissions checked so that none is silently dropped.</summary>
    private static JsonElement Permissions(Kind kind, string id, string? root, InputLimits limits)
    {
        var path = kind.AttributeFile(id);
        if (!InputFile.Exists(path))
        {
            throw new SnapshotFormatException($"{path} is missing: who {id} is shared with was not saved");
        }
        using var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        if (body.ValueKind != JsonValueKind.Object || JsonPath.Find(body, kind.PermissionsName) is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new SnapshotFormatException($"{path} has no {kind.PermissionsName} list: not the AWS CLI's output of aws ec2 {kind.AttributeCommand}");
        }
        if (AwsJson.Text(body, kind.IdName, path) is { } named && named != id)
        {
            throw new SnapshotFormatException($"{path}: {kind.IdName} is '{named}', not {id}");
        }
        var index = 0;
        foreach (var permission in list.EnumerateArray())
        {
            var grantee = permission.ValueKind == JsonValueKind.Object
                ? kind.Grantees.Select(g => JsonPath.Find(permission, g)).FirstOrDefault(g => g is { ValueKind: JsonValueKind.String } s && s.GetString()!.Trim().Length > 0)
                : null;
            if (grantee is null)
            {
                throw new SnapshotFormatException($"{path}: {kind.PermissionsName}[{index}] names no {string.Join(", ", kind.Grantees)}: whom it shares with is unknown");
            }
            index++;
        }
        return body.Clone();
    }

    /// <summary>EC2's tags, <c>[{"Key": "...", "Value": "..."}]</c>; an absent list is no tags.</summary>
    private static Dictionary<string, string> Tags(JsonElement entry, string where)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonPath.Find(entry, "Tags") is not { } list)
        {
            return tags;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{where}: Tags is {AwsJson.Kind(list)}, not a list");
        }
        foreach (var tag in list.EnumerateArray())
        {
            var key = tag.ValueKind == JsonValueKind.Object ? AwsJson.Text(tag, "Key", where) : null;
            tags[key ?? throw new SnapshotFormatException($"{where}: a tag has no Key")] = AwsJson.Text(tag, "Value", where) ?? "";
        }
        return tags;
    }
}
