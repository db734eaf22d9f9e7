using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>One account's data as AWS holds it, in the shapes its APIs answer with.</summary>
public sealed class ServedAccount(string id)
{
    public string Id { get; } = id;

    /// <summary>Per region: Config's current items, shaped as <c>BaseConfigurationItem</c> (configuration as a JSON string).</summary>
    public Dictionary<string, List<JsonObject>> ConfigItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: the last item of each deleted resource (configurationItemStatus ResourceDeleted), as Config keeps it.</summary>
    public Dictionary<string, List<JsonObject>> DeletedItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: Tagging API <c>ResourceTagMapping</c> entries.</summary>
    public Dictionary<string, List<JsonObject>> TagMappings { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region, per service code: Service Quotas <c>ServiceQuota</c> entries.</summary>
    public Dictionary<string, Dictionary<string, List<JsonObject>>> Quotas { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// GetAccountAuthorizationDetails as the CLI prints it (documents as JSON objects): the server
    /// encodes it to IAM's XML, documents URL-encoded.
    /// </summary>
    public JsonObject Iam { get; set; } = new() { ["UserDetailList"] = new JsonArray(), ["GroupDetailList"] = new JsonArray(), ["RoleDetailList"] = new JsonArray(), ["Policies"] = new JsonArray() };

    /// <summary>The credential report, decoded (CSV).</summary>
    public string CredentialReport { get; set; } = "user,arn,user_creation_time\n";

    /// <summary>Per user and role ARN: its <c>ServicesLastAccessed</c> as the CLI prints them (GetServiceLastAccessedDetails).</summary>
    public Dictionary<string, JsonArray> ServicesLastAccessed { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: the account's own AWS RAM shares, as RAM answers (<c>ResourceShare</c>, timestamps in epoch seconds).</summary>
    public Dictionary<string, List<JsonObject>> ResourceShares { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: the resources of the account's shares (RAM's <c>Resource</c>, each with its share's ARN).</summary>
    public Dictionary<string, List<JsonObject>> SharedResources { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region: the principals of the account's shares (RAM's <c>Principal</c>, each with its share's ARN).</summary>
    public Dictionary<string, List<JsonObject>> SharePrincipals { get; } = new(StringComparer.Ordinal);

    public List<JsonObject> ItemsIn(string region) => ConfigItems.TryGetValue(region, out var items) ? items : [];
}
