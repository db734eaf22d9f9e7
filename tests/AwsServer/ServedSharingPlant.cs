using System.Globalization;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// EBS snapshots and AMIs planted in one region of a served account, as EC2 describes them (<c>describe-snapshots</c>,
/// <c>describe-images</c>), each with who may use it (<c>describe-snapshot-attribute/ID</c>, <c>describe-image-attribute/ID</c>):
/// what the AWS CLI prints, so that the same objects are also the snapshot files a test writes by hand.
/// </summary>
internal static class ServedSharingPlant
{
    public static JsonObject User(string account) => new() { ["UserId"] = account };

    public static JsonObject Public() => new() { ["Group"] = "all" };

    public static JsonObject Organization(string arn) => new() { ["OrganizationArn"] = arn };

    /// <summary>A snapshot id of the test estate: <c>snap-</c> and 17 hex digits.</summary>
    public static string SnapshotId(int i) => "snap-" + i.ToString("x17", CultureInfo.InvariantCulture);

    /// <summary>An AMI id of the test estate: <c>ami-</c> and 17 hex digits.</summary>
    public static string ImageId(int i) => "ami-" + i.ToString("x17", CultureInfo.InvariantCulture);

    /// <summary>A snapshot, and its createVolumePermission unless <paramref name="permissions"/> is null (it is then gone when asked).</summary>
    public static void Snapshot(ServedAccount account, string region, string id, params JsonObject[]? permissions)
    {
        Listed(account, region, "describe-snapshots", "Snapshots").Add(new JsonObject
        {
            ["Description"] = $"nightly backup {id}", ["Encrypted"] = true, ["OwnerId"] = account.Id, ["Progress"] = "100%", ["SnapshotId"] = id,
            ["StartTime"] = "2026-11-30T02:00:00+00:00", ["State"] = "completed", ["VolumeId"] = "vol-" + id[5..], ["VolumeSize"] = 8,
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "Name", ["Value"] = $"backup-{id[^4..]}" }),
        });
        if (permissions is not null)
        {
            Served(account, region)[$"describe-snapshot-attribute/{id}"] = new JsonObject
            {
                ["CreateVolumePermissions"] = new JsonArray(permissions.Select(p => (JsonNode)p.DeepClone()).ToArray()), ["SnapshotId"] = id,
            };
        }
    }

    /// <summary>An AMI and its launchPermission.</summary>
    public static void Image(ServedAccount account, string region, string id, params JsonObject[] permissions)
    {
        Listed(account, region, "describe-images", "Images").Add(new JsonObject
        {
            ["Architecture"] = "x86_64", ["CreationDate"] = "2026-11-01T09:00:00.000Z", ["ImageId"] = id, ["ImageLocation"] = $"{account.Id}/base-{id[^4..]}",
            ["ImageType"] = "machine", ["Public"] = permissions.Any(p => p["Group"] is not null), ["OwnerId"] = account.Id, ["State"] = "available",
            ["Name"] = $"base-{id[^4..]}", ["RootDeviceType"] = "ebs", ["VirtualizationType"] = "hvm",
        });
        Served(account, region)[$"describe-image-attribute/{id}"] = new JsonObject
        {
            ["ImageId"] = id, ["LaunchPermissions"] = new JsonArray(permissions.Select(p => (JsonNode)p.DeepClone()).ToArray()),
        };
    }

    private static Dictionary<string, JsonObject> Served(ServedAccount account, string region) =>
        account.Network.TryGetValue(region, out var served) ? served : account.Network[region] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

    private static JsonArray Listed(ServedAccount account, string region, string command, string list)
    {
        var served = Served(account, region);
        if (!served.TryGetValue(command, out var output))
        {
            served[command] = output = new JsonObject { [list] = new JsonArray() };
        }
        return output[list]!.AsArray();
    }
}
