using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Who each EBS snapshot and AMI of an account is shared with (AWS Config records neither): <c>ACCOUNT/ec2/REGION/</c>,
/// each file what the AWS CLI prints for one call.
/// </summary>
internal static partial class SnapshotLayout
{
    public const string Ec2Folder = "ec2";

    public const string SnapshotsCommand = "describe-snapshots";
    public const string SnapshotAttributeCommand = "describe-snapshot-attribute";
    public const string ImagesCommand = "describe-images";
    public const string ImageAttributeCommand = "describe-image-attribute";

    /// <summary><c>ACCOUNT/ec2/REGION/describe-snapshots.json</c>: <c>aws ec2 describe-snapshots --owner-ids self</c>.</summary>
    public static string SnapshotsFile(string account, string region) => Ec2File(account, region, SnapshotsCommand);

    /// <summary><c>ACCOUNT/ec2/REGION/describe-images.json</c>: <c>aws ec2 describe-images --owners self</c>.</summary>
    public static string ImagesFile(string account, string region) => Ec2File(account, region, ImagesCommand);

    /// <summary>
    /// <c>ACCOUNT/ec2/REGION/describe-snapshot-attribute/SNAPSHOT.json</c>: <c>aws ec2 describe-snapshot-attribute
    /// --snapshot-id SNAPSHOT --attribute createVolumePermission</c>. The id arrives in AWS's answers: one that is not a
    /// snapshot id is refused, never a path.
    /// </summary>
    public static string SnapshotAttributeFile(string account, string region, string snapshotId) =>
        Ec2ItemFile(account, region, SnapshotAttributeCommand, snapshotId, SnapshotId());

    /// <summary><c>ACCOUNT/ec2/REGION/describe-image-attribute/IMAGE.json</c>: <c>aws ec2 describe-image-attribute --image-id IMAGE --attribute launchPermission</c>.</summary>
    public static string ImageAttributeFile(string account, string region, string imageId) =>
        Ec2ItemFile(account, region, ImageAttributeCommand, imageId, ImageId());

    /// <summary>Whether a name is an EBS snapshot's id (a file is named after it).</summary>
    public static bool IsSnapshotId(string name) => SnapshotId().IsMatch(name);

    /// <summary>Whether a name is an AMI's id (a file is named after it).</summary>
    public static bool IsImageId(string name) => ImageId().IsMatch(name);

    private static string Ec2File(string account, string region, string command) =>
        Path.Combine(account, Ec2Folder, NetworkId(region, RegionName()), command + ".json");

    private static string Ec2ItemFile(string account, string region, string command, string id, Regex pattern) =>
        Path.Combine(account, Ec2Folder, NetworkId(region, RegionName()), command, NetworkId(id, pattern) + ".json");

    [GeneratedRegex("^snap-[0-9a-f]{8,17}$")]
    private static partial Regex SnapshotId();

    [GeneratedRegex("^ami-[0-9a-f]{8,17}$")]
    private static partial Regex ImageId();
}
