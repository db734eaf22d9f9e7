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

    /// <summary>The resource policies Config does not record (Logs, Glue, Lambda layers), per region.</summary>
    public ServedPolicies ResourcePolicies { get; } = new();

    /// <summary>
    /// Per region, per output (<c>describe-vpcs</c>, <c>search-transit-gateway-routes/TABLE</c>, ...): the EC2 network as the
    /// CLI prints it; the server answers it in EC2's XML. An output not given is served as an empty list.
    /// </summary>
    public Dictionary<string, Dictionary<string, JsonObject>> Network { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per region: CloudTrail's event history, oldest first, as LookupEvents answers each event (<c>EventTime</c> in epoch
    /// seconds, <c>CloudTrailEvent</c> the record as a JSON string). Whatever changes the served state between nights records one.
    /// </summary>
    public Dictionary<string, List<JsonObject>> TrailEvents { get; } = new(StringComparer.Ordinal);

    /// <summary>Records a write call of this account in CloudTrail's event history of <paramref name="region"/>, as CloudTrail would.</summary>
    public void RecordEvent(string region, string eventSource, string eventName, DateTimeOffset? at = null, bool readOnly = false)
    {
        var time = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() / 1000.0;
        var id = Guid.NewGuid().ToString();
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09", ["eventSource"] = eventSource, ["eventName"] = eventName, ["awsRegion"] = region,
            ["readOnly"] = readOnly, ["eventID"] = id, ["recipientAccountId"] = Id, ["managementEvent"] = true, ["eventCategory"] = "Management",
        };
        var events = TrailEvents.TryGetValue(region, out var list) ? list : TrailEvents[region] = [];
        lock (events)
        {
            events.Add(new JsonObject
            {
                ["EventId"] = id, ["EventName"] = eventName, ["ReadOnly"] = readOnly ? "true" : "false", ["AccessKeyId"] = "ASIAEXAMPLEOPERATOR1",
                ["EventTime"] = time, ["EventSource"] = eventSource, ["Username"] = "operator", ["Resources"] = new JsonArray(),
                ["CloudTrailEvent"] = record.ToJsonString(),
            });
        }
    }

    public List<JsonObject> ItemsIn(string region) => ConfigItems.TryGetValue(region, out var items) ? items : [];
}
