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

    /// <summary>Current configuration items, as <c>baseConfigurationItems</c>; keys AWS leaves unprocessed are asked for again.</summary>
    Task<IReadOnlyList<JsonElement>> BatchGetResourceConfigAsync(AwsContext context, IReadOnlyList<ConfigResourceKey> keys, CancellationToken cancellationToken);

    /// <summary>The rows of an advanced query, each parsed from the JSON string AWS returns.</summary>
    IAsyncEnumerable<JsonElement> SelectResourceConfigAsync(AwsContext context, string expression, CancellationToken cancellationToken);

    /// <summary>An advanced query over an aggregator: every account and region it aggregates.</summary>
    IAsyncEnumerable<JsonElement> SelectAggregateResourceConfigAsync(AwsContext context, string aggregatorName, string expression, CancellationToken cancellationToken);

    /// <summary>Current configuration items from an aggregator, as <c>BaseConfigurationItems</c>; unprocessed identifiers are asked for again.</summary>
    Task<IReadOnlyList<JsonElement>> BatchGetAggregateResourceConfigAsync(AwsContext context, string aggregatorName, IReadOnlyList<AggregateResourceKey> keys, CancellationToken cancellationToken);
}
