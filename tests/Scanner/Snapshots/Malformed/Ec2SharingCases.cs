using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// A region's ec2/ files (aws ec2 describe-snapshots and describe-snapshot-attribute, describe-images and
/// describe-image-attribute): read, or a gap of the snapshots (or images) naming the file, never "not shared".
/// </summary>
internal static class Ec2SharingCases
{
    private const string Snapshots = $"{Acme}/ec2/eu-west-1/describe-snapshots.json";
    private const string SnapshotAttribute = $"{Acme}/ec2/eu-west-1/describe-snapshot-attribute/snap-0a1b2c3d4e5f60718.json";
    private const string Images = $"{Acme}/ec2/eu-west-1/describe-images.json";
    private const string ImageAttribute = $"{Acme}/ec2/eu-west-1/describe-image-attribute/ami-0a1b2c3d4e5f60718.json";

    private static string SnapshotList(string id = "snap-0a1b2c3d4e5f60718", string owner = Acme) =>
        $$"""{"Snapshots": [{"SnapshotId": "{{id}}", "OwnerId": "{{owner}}", "State": "completed", "VolumeSize": 8, "StartTime": "2026-11-30T02:00:00+00:00"}]}""";

    private const string ImageList = $$"""{"Images": [{"ImageId": "ami-0a1b2c3d4e5f60718", "OwnerId": "{{Acme}}", "Name": "base", "State": "available", "Public": false}]}""";

    private const string Shared = """{"SnapshotId": "snap-0a1b2c3d4e5f60718", "CreateVolumePermissions": [{"UserId": "444455556666"}]}""";
    private const string Launch = """{"ImageId": "ami-0a1b2c3d4e5f60718", "LaunchPermissions": [{"OrganizationArn": "arn:aws:organizations::112233445566:organization/o-xyzabc123w"}]}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("ec2: the CLI's snapshot outputs are read", Snapshots, Expect.Read, "", With(SnapshotAttribute, Shared, Plant.Text(SnapshotList()))),
        new("ec2: the CLI's image outputs are read", Images, Expect.Read, "", With(ImageAttribute, Launch, Plant.Text(ImageList))),
        Gap("ec2: a snapshot's attribute file is missing", Snapshots, "is missing: who snap-0a1b2c3d4e5f60718 is shared with was not saved", Plant.Text(SnapshotList())),
        Gap("ec2: an attribute file without its list", SnapshotAttribute, "has no CreateVolumePermissions list",
            List(Snapshots, SnapshotList(), Plant.Text("""{"SnapshotId": "snap-0a1b2c3d4e5f60718"}"""))),
        Gap("ec2: an attribute list that is an object", SnapshotAttribute, "has no CreateVolumePermissions list",
            List(Snapshots, SnapshotList(), Plant.Text("""{"CreateVolumePermissions": {"UserId": "444455556666"}}"""))),
        Gap("ec2: a permission that names nobody", SnapshotAttribute, "CreateVolumePermissions[0] names no UserId, Group",
            List(Snapshots, SnapshotList(), Plant.Text("""{"CreateVolumePermissions": [{"User": "444455556666"}]}"""))),
        Gap("ec2: an attribute of another snapshot", SnapshotAttribute, "is 'snap-0ffffffffffffffff', not snap-0a1b2c3d4e5f60718",
            List(Snapshots, SnapshotList(), Plant.Text("""{"SnapshotId": "snap-0ffffffffffffffff", "CreateVolumePermissions": []}"""))),
        Gap("ec2: a launch permission as a string", ImageAttribute, "LaunchPermissions[0] names no UserId",
            List(Images, ImageList, Plant.Text("""{"ImageId": "ami-0a1b2c3d4e5f60718", "LaunchPermissions": ["all"]}"""))),
        Gap("ec2: another account's snapshot", Snapshots, $"is owned by {Globex}", With(SnapshotAttribute, Shared, Plant.Text(SnapshotList(owner: Globex)))),
        Gap("ec2: a snapshot id that is a path", Snapshots, "is not an EC2 snapshot id", Plant.Text(SnapshotList(id: "../../iam/authorization-details"))),
        Gap("ec2: only the first page of snapshots", Snapshots, "NextToken is set", With(SnapshotAttribute, Shared, Plant.Text(SnapshotList()[..^1] + ", \"NextToken\": \"abc\"}"))),
        Gap("ec2: an attribute file that is a link to /dev/urandom", SnapshotAttribute, "outside the snapshot", List(Snapshots, SnapshotList(), Plant.LinkTo("/dev/urandom"))),
    ];

    /// <summary>The valid attribute file of a planted list, then the list.</summary>
    private static Action<string> With(string other, string text, Action<string> plant) => path =>
    {
        Write(Path.Combine(path[..^Path.GetFileName(path).Length], Path.GetFileName(Path.GetDirectoryName(other)!), Path.GetFileName(other)), text);
        plant(path);
    };

    /// <summary>The valid list file of a planted attribute file, then the attribute.</summary>
    private static Action<string> List(string list, string text, Action<string> plant) => path =>
    {
        Write(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!, Path.GetFileName(list)), text);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plant(path);
    };

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static MalformedCase Gap(string name, string target, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}
