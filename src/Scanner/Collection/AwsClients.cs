using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>The service clients a collection uses; each can be replaced by AWS's own SDK package behind its interface.</summary>
internal sealed record AwsClients(IConfigServiceClient Config, ITaggingClient Tagging, IIamClient Iam, IServiceQuotasClient Quotas, IOrganizationsClient Organizations, IRamClient Ram,
    ILogsClient Logs, IGlueClient Glue, ILambdaClient Lambda)
{
    /// <summary>The EC2 network calls, through AWS's own AWSSDK.EC2 client.</summary>
    public required IEc2NetworkClient Ec2 { get; init; }

    /// <summary>DynamoDB's tables and resource policies, through AWS's own AWSSDK.DynamoDBv2 client.</summary>
    public required IDynamoDbClient DynamoDb { get; init; }
    /// <summary>Who EBS snapshots and AMIs are shared with, on the same AWSSDK.EC2 client and rate.</summary>
    public required IEc2SharingClient Ec2Sharing { get; init; }

    /// <summary>CloudTrail's event history: on a second night, which sources without a change feed of their own changed.</summary>
    public required ICloudTrailClient CloudTrail { get; init; }

    public static AwsClients Over(AwsRequestSender sender)
    {
        var protocols = new AwsProtocols(sender);
        var ec2 = new Ec2NetworkClient(sender);
        return new AwsClients(new ConfigServiceClient(protocols), new TaggingClient(protocols), new IamClient(protocols), new ServiceQuotasClient(protocols),
            new OrganizationsClient(protocols), new RamClient(protocols), new LogsClient(protocols), new GlueClient(protocols), new LambdaClient(protocols)) { Ec2 = ec2, Ec2Sharing = ec2, DynamoDb = new DynamoDbClient(sender), CloudTrail = new CloudTrailClient(protocols) };
    }
}
