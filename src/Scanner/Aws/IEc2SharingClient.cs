using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Who an account's EBS snapshots and AMIs are shared with, in one region, through AWS's own AWSSDK.EC2 client: AWS Config
/// records neither attribute. Each answer is shaped as the AWS CLI prints it, every page merged, so that it is written as
/// the snapshot's <c>ec2/REGION/COMMAND.json</c> (docs/collect.md). Every call is one EC2 request under the
/// (account, region, ec2) rate the network's calls share.
/// </summary>
internal interface IEc2SharingClient
{
    /// <summary><c>aws ec2 describe-snapshots --owner-ids self</c>: <c>{"Snapshots": [...]}</c>.</summary>
    Task<JsonElement> DescribeOwnSnapshotsAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <c>aws ec2 describe-snapshot-attribute --snapshot-id ID --attribute createVolumePermission</c>:
    /// <c>{"CreateVolumePermissions": [...], "SnapshotId": "..."}</c>.
    /// </summary>
    Task<JsonElement> DescribeSnapshotSharingAsync(AwsContext context, string snapshotId, CancellationToken cancellationToken);

    /// <summary><c>aws ec2 describe-images --owners self</c>: <c>{"Images": [...]}</c>.</summary>
    Task<JsonElement> DescribeOwnImagesAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <c>aws ec2 describe-image-attribute --image-id ID --attribute launchPermission</c>:
    /// <c>{"ImageId": "...", "LaunchPermissions": [...]}</c>.
    /// </summary>
    Task<JsonElement> DescribeImageSharingAsync(AwsContext context, string imageId, CancellationToken cancellationToken);
}
