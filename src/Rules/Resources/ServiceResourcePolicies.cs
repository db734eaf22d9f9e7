namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// The resource policies AWS Config does not record, read from the services' own answers (<c>logs/</c>, <c>glue/</c>,
/// <c>lambda/</c> and <c>dynamodb/</c> of the snapshot): each a resource of its own type, with the source a gap names
/// when it was not read.
/// </summary>
public static class ServiceResourcePolicies
{
    /// <summary>
    /// A CloudWatch Logs resource policy (<c>aws logs describe-resource-policies</c>). Logs gives it no ARN: its
    /// resource is named <c>arn:PARTITION:logs:REGION:ACCOUNT:resource-policy:NAME</c>.
    /// </summary>
    public const string LogsResourcePolicy = "AWS::Logs::ResourcePolicy";

    /// <summary>
    /// A resource policy of the Glue Data Catalog (<c>aws glue get-resource-policies</c>): the catalog's own, or one AWS
    /// RAM set for a cross-account grant. Glue gives it no ARN: its resource is named
    /// <c>arn:PARTITION:glue:REGION:ACCOUNT:resource-policy/POLICY-HASH</c>, so a changed policy is a new resource.
    /// </summary>
    public const string GlueResourcePolicy = "AWS::Glue::ResourcePolicy";

    /// <summary>
    /// The latest version of a Lambda layer (<c>aws lambda list-layers</c>), its policy (<c>aws lambda
    /// get-layer-version-policy</c>) in <c>supplementaryConfiguration.Policy</c>. Older versions are not read.
    /// </summary>
    public const string LayerVersion = "AWS::Lambda::LayerVersion";

    /// <summary>
    /// A DynamoDB table as <c>aws dynamodb describe-table</c> prints its <c>Table</c>, its resource policy (<c>aws dynamodb
    /// get-resource-policy</c>: <c>{"Policy": ..., "RevisionId": ...}</c>, <c>{}</c> when it has none) in
    /// <c>supplementaryConfiguration.ResourcePolicy</c>. Read from <c>dynamodb/</c>, it replaces Config's item of the
    /// table (Config gives its tags); a table only Config recorded has no <c>ResourcePolicy</c>: its policy was not read.
    /// </summary>
    public const string DynamoDbTable = "AWS::DynamoDB::Table";

    /// <summary>
    /// A table's latest stream (IAM Access Analyzer's name for it), named by the stream's ARN, its table's
    /// <c>describe-table</c> output as configuration and the stream's resource policy in
    /// <c>supplementaryConfiguration.ResourcePolicy</c>, as for the table.
    /// </summary>
    public const string DynamoDbStream = "AWS::DynamoDB::Stream";

    /// <summary>The gap sources: what could not be read in one account and region.</summary>
    public const string LogsSource = "logs:resource-policies";
    public const string GlueSource = "glue:resource-policies";
    public const string LambdaLayersSource = "lambda:layers";
    public const string DynamoDbSource = "dynamodb:resource-policies";

    /// <summary>
    /// The account's own EBS snapshots and AMIs with who may use them (<c>ec2/</c>: describe-snapshots and each one's
    /// createVolumePermission, describe-images and each one's launchPermission), which AWS Config does not record.
    /// </summary>
    public const string Ec2SnapshotsSource = "ec2:snapshots";
    public const string Ec2ImagesSource = "ec2:images";
    public const string Ec2Snapshot = "AWS::EC2::Snapshot";
    public const string Ec2Image = "AWS::EC2::Image";

    public static readonly IReadOnlyList<string> Types = [LogsResourcePolicy, GlueResourcePolicy, LayerVersion, DynamoDbTable, DynamoDbStream];

    /// <summary>The source a resource of this type is read from, or null when it is not one of these.</summary>
    public static string? SourceOf(string resourceType) => resourceType switch
    {
        LogsResourcePolicy => LogsSource,
        GlueResourcePolicy => GlueSource,
        LayerVersion => LambdaLayersSource,
        DynamoDbTable or DynamoDbStream => DynamoDbSource,
        Ec2Snapshot => Ec2SnapshotsSource,
        Ec2Image => Ec2ImagesSource,
        _ => null,
    };

    /// <summary>Whether a gap's source is one of these: it covers that type alone.</summary>
    public static bool IsSource(string source) => source is LogsSource or GlueSource or LambdaLayersSource or DynamoDbSource or Ec2SnapshotsSource or Ec2ImagesSource;

    /// <summary>Whether a gap of <paramref name="source"/> makes a resource of this type NotAssessed.</summary>
    internal static bool Covers(string source, string resourceType) => SourceOf(resourceType) == source;
}
