namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// What a client needs to know to reach one AWS service: its SigV4 signing name, endpoint prefix,
/// the suffix of its <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> variable, and for JSON services the
/// <c>X-Amz-Target</c> prefix. Values from the services' models (botocore's service-2.json metadata).
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
/// </summary>
/// <param name="GlobalHost">A global service's one endpoint when it is not <c>EndpointPrefix.amazonaws.com</c>.</param>
internal sealed record AwsService(string SigningName, string EndpointPrefix, string EnvironmentName, string? TargetPrefix, string? GlobalRegion = null, string? GlobalHost = null)
{
    public static readonly AwsService Config = new("config", "config", "CONFIG_SERVICE", "StarlingDoveService");
    public static readonly AwsService Tagging = new("tagging", "tagging", "RESOURCE_GROUPS_TAGGING_API", "ResourceGroupsTaggingAPI_20170126");
    /// <summary>AWS RAM: REST-JSON, regional. https://docs.aws.amazon.com/general/latest/gr/ram.html</summary>
    public static readonly AwsService Ram = new("ram", "ram", "RAM", null);
    /// <summary>CloudWatch Logs: JSON 1.1, regional. https://docs.aws.amazon.com/general/latest/gr/cwl_region.html</summary>
    public static readonly AwsService Logs = new("logs", "logs", "CLOUDWATCH_LOGS", "Logs_20140328");
    /// <summary>AWS Glue: JSON 1.1, regional. https://docs.aws.amazon.com/general/latest/gr/glue.html</summary>
    public static readonly AwsService Glue = new("glue", "glue", "GLUE", "AWSGlue");
    /// <summary>AWS Lambda: REST-JSON, regional. https://docs.aws.amazon.com/general/latest/gr/lambda-service.html</summary>
    public static readonly AwsService Lambda = new("lambda", "lambda", "LAMBDA", null);
    /// <summary>EC2's network calls (Query, regional), through AWS's own AWSSDK.EC2 client. https://docs.aws.amazon.com/general/latest/gr/ec2-service.html</summary>
    public static readonly AwsService Ec2 = new("ec2", "ec2", "EC2", null);
    /// <summary>DynamoDB's tables and resource policies (JSON 1.0, regional), through AWS's own AWSSDK.DynamoDBv2 client. https://docs.aws.amazon.com/general/latest/gr/ddb.html</summary>
    public static readonly AwsService DynamoDb = new("dynamodb", "dynamodb", "DYNAMODB", "DynamoDB_20120810");
    /// <summary>
    /// CloudTrail's event history (LookupEvents): JSON 1.1, regional; the target prefix is the model's
    /// <c>com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101</c>. https://docs.aws.amazon.com/general/latest/gr/ct.html
    /// </summary>
    public static readonly AwsService CloudTrail = new("cloudtrail", "cloudtrail", "CLOUDTRAIL", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    public static readonly AwsService ServiceQuotas = new("servicequotas", "servicequotas", "SERVICE_QUOTAS", "ServiceQuotasV20190624");

    /// <summary>IAM is global: one endpoint, signed for us-east-1. https://docs.aws.amazon.com/general/latest/gr/iam-service.html</summary>
    public static readonly AwsService Iam = new("iam", "iam", "IAM", null, GlobalRegion: "us-east-1");

    public static readonly AwsService Sts = new("sts", "sts", "STS", null);

    /// <summary>
    /// AWS Organizations is global: one endpoint in us-east-1, signed for us-east-1.
    /// https://docs.aws.amazon.com/general/latest/gr/ao.html
    /// </summary>
    public static readonly AwsService Organizations = new("organizations", "organizations", "ORGANIZATIONS", "AWSOrganizationsV20161128",
        GlobalRegion: "us-east-1", GlobalHost: "organizations.us-east-1.amazonaws.com");

    /// <summary>The region a request is signed for: the global region for a global service.</summary>
    public string SigningRegion(string region) => GlobalRegion ?? region;
}
