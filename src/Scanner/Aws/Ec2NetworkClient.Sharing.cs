using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The sharing of EBS snapshots and AMIs, on the network's client: the same credentials, HTTP client, endpoints, retry
/// policy and (account, region, ec2) rate limit. Only the account's own snapshots and images (<c>self</c>): those
/// another account shares with it are that account's to answer for.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshotAttribute.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImageAttribute.html
/// </summary>
internal sealed partial class Ec2NetworkClient : IEc2SharingClient
{
    private const string Self = "self";

    public async Task<JsonElement> DescribeOwnSnapshotsAsync(AwsContext context, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        var snapshots = await AllPagesAsync(context, "DescribeSnapshots", (token, t) =>
            Read(client.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = [Self], MaxResults = PageSize, NextToken = token }, t),
                r => (r.Snapshots, r.NextToken)), cancellationToken);
        return JsonSerializer.SerializeToElement(Ec2CliJson.Output("Snapshots", snapshots));
    }

    public async Task<JsonElement> DescribeSnapshotSharingAsync(AwsContext context, string snapshotId, CancellationToken cancellationToken)
    {
        const string operation = "DescribeSnapshotAttribute";
        using var client = ClientFor(context);
        var answer = await sender.CallAsync(context, AwsService.Ec2, operation, t => AwsSdk.Mapped(AwsService.Ec2, context, operation, () =>
            client.DescribeSnapshotAttributeAsync(new DescribeSnapshotAttributeRequest
            {
                SnapshotId = snapshotId, Attribute = SnapshotAttributeName.CreateVolumePermission,
            }, t)), cancellationToken);
        // AWSSDK.EC2 reads an empty list as none: the attribute asked for is then an empty list, as the CLI prints it.
        var output = Ec2CliJson.Output("CreateVolumePermissions", answer.CreateVolumePermissions ?? []);
        output["SnapshotId"] = answer.SnapshotId;
        return JsonSerializer.SerializeToElement(output);
    }

    public async Task<JsonElement> DescribeOwnImagesAsync(AwsContext context, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        var images = await AllPagesAsync(context, "DescribeImages", (token, t) =>
            Read(client.DescribeImagesAsync(new DescribeImagesRequest { Owners = [Self], MaxResults = PageSize, NextToken = token }, t),
                r => (r.Images, r.NextToken)), cancellationToken);
        return JsonSerializer.SerializeToElement(Ec2CliJson.Output("Images", images));
    }

    public async Task<JsonElement> DescribeImageSharingAsync(AwsContext context, string imageId, CancellationToken cancellationToken)
    {
        const string operation = "DescribeImageAttribute";
        using var client = ClientFor(context);
        var answer = await sender.CallAsync(context, AwsService.Ec2, operation, t => AwsSdk.Mapped(AwsService.Ec2, context, operation, () =>
            client.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = imageId, Attribute = ImageAttributeName.LaunchPermission }, t)), cancellationToken);
        var attribute = answer.ImageAttribute ?? throw new InvalidDataException($"ec2:{operation}: {imageId}: the answer has no attribute");
        var output = Ec2CliJson.Node(attribute)!.AsObject();
        output["LaunchPermissions"] ??= new JsonArray();
        return JsonSerializer.SerializeToElement(output);
    }
}
