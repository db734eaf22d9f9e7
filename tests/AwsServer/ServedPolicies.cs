using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>One account's resource policies that AWS Config does not record, per region, as each service answers.</summary>
public sealed class ServedPolicies
{
    /// <summary>Per region: CloudWatch Logs' <c>ResourcePolicy</c> entries (policyDocument a JSON string, lastUpdatedTime epoch ms).</summary>
    public Dictionary<string, List<JsonObject>> Logs { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: Glue's <c>GluePolicy</c> entries (PolicyInJson a JSON string, times in epoch seconds).</summary>
    public Dictionary<string, List<JsonObject>> Glue { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: Lambda's <c>LayersListItem</c> entries, each with its <c>LatestMatchingVersion</c>.</summary>
    public Dictionary<string, List<JsonObject>> Layers { get; } = new(StringComparer.Ordinal);

    /// <summary>Per layer version ARN: its policy document; a version not here has no policy.</summary>
    public Dictionary<string, string> LayerVersionPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: DynamoDB's <c>TableDescription</c> of each table, as DynamoDB answers (CreationDateTime in epoch seconds).</summary>
    public Dictionary<string, List<JsonObject>> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Per table or stream ARN: its resource policy; one not here has none (PolicyNotFoundException).</summary>
    public Dictionary<string, string> DynamoDbPolicies { get; } = new(StringComparer.Ordinal);
}
