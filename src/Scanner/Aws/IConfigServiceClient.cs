using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The AWS Config operations the collector calls. Results stay JSON as AWS sent them, so that the
/// snapshot holds AWS's own format. Every listing follows <c>nextToken</c> to the last page.
/// https://docs.aws.amazon.com/config/latest/APIReference/Welcome.html
/// </summary>
internal interface IConfigServiceClient
{
    /// <summary>The recorded resources of one type (Config's API requires the type).</summary>
    IAsyncEnumerable<ConfigResourceKey> ListDiscoveredResourcesAsync(AwsContext context, string resourceType, CancellationToken cancellationToken);

    /// <summary>
    /// Current configuration items, as <c>baseConfigurationItems</c>; keys AWS leaves unprocessed are asked for again. Each
    /// item is readable until the next is asked (write it, or clone it to keep it).
    /// </summary>
    IAsyncEnumerable<JsonElement> BatchGetResourceConfigAsync(AwsContext context, IReadOnlyList<ConfigResourceKey> keys, CancellationToken cancellationToken);

    /// <summary>The rows of an advanced query, each parsed from the JSON string AWS returns.</summary>
    IAsyncEnumerable<JsonElement> SelectResourceConfigAsync(AwsContext context, string expression, CancellationToken cancellationToken);

    /// <summary>An advanced query over an aggregator: every account and region it aggregates.</summary>
    IAsyncEnumerable<JsonElement> SelectAggregateResourceConfigAsync(AwsContext context, string aggregatorName, string expression, CancellationToken cancellationToken);

    /// <summary>
    /// Current configuration items from an aggregator, as <c>BaseConfigurationItems</c>; unprocessed identifiers are asked for
    /// again. Each item is readable until the next is asked.
    /// </summary>
    IAsyncEnumerable<JsonElement> BatchGetAggregateResourceConfigAsync(AwsContext context, string aggregatorName, IReadOnlyList<AggregateResourceKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DescribeConfigurationRecorderStatus</c>: whether each recorder of the account and region is recording, and since when
    /// (an incremental collection trusts the change feed only while a recorder has recorded throughout).
    /// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorderStatus.html
    /// </summary>
    Task<JsonElement> DescribeConfigurationRecorderStatusAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DescribeConfigurationRecorders</c>: what each recorder of the account and region records (<c>recordingGroup</c>) and
    /// how often (<c>recordingMode</c>); an incremental collection copies a source only where its types are recorded continuously.
    /// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorders.html
    /// </summary>
    Task<JsonElement> DescribeConfigurationRecordersAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DescribeConfigurationAggregatorSourcesStatus</c>, every page: each source account and region of the aggregator
    /// with the status and time of its last update (<c>AggregatedSourceStatusList</c> entries).
    /// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationAggregatorSourcesStatus.html
    /// </summary>
    IAsyncEnumerable<JsonElement> DescribeAggregatorSourcesStatusAsync(AwsContext context, string aggregatorName, CancellationToken cancellationToken);
}
