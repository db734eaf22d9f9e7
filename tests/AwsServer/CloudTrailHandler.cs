using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// CloudTrail's LookupEvents over JSON 1.1: the account's event history in the region asked, newest first, filtered by
/// one lookup attribute and the time range, MaxResults 1-50 (the model's), paged by <c>NextToken</c>.
/// </summary>
internal sealed class CloudTrailHandler(ServedEstate estate, ServerFaults faults, int maxPage)
{
    private static readonly string[] AttributeKeys = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

    public Reply Handle(RequestScope scope)
    {
        if (scope.Operation != "LookupEvents")
        {
            return Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}");
        }
        if (faults.TrailAnswer.TryGetValue((scope.Account, scope.Region), out var hostile))
        {
            return new Reply(200, "application/x-amz-json-1.1", hostile);
        }
        var size = scope.Int("MaxResults", 50);
        if (size is < 1 or > 50)
        {
            return Reply.JsonError(400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50");
        }
        var attributes = scope.Json["LookupAttributes"] as JsonArray ?? [];
        if (attributes.Count > 1 || attributes.Any(a => a?["AttributeKey"]?.GetValue<string>() is not { } key || !AttributeKeys.Contains(key) || a["AttributeValue"] is null))
        {
            return Reply.JsonError(400, "InvalidLookupAttributesException", "LookupAttributes may hold one attribute of a known key and a value");
        }
        var (start, end) = (Seconds(scope.Json["StartTime"]) ?? double.MinValue, Seconds(scope.Json["EndTime"]) ?? double.MaxValue);
        if (start > end)
        {
            return Reply.JsonError(400, "InvalidTimeRangeException", "StartTime is after EndTime");
        }
        var offset = PageToken.Read(scope.Text("NextToken"));
        if (offset is null)
        {
            return Reply.JsonError(400, "InvalidNextTokenException", "Invalid NextToken");
        }
        var history = estate.Accounts.GetValueOrDefault(scope.Account)?.TrailEvents.GetValueOrDefault(scope.Region) ?? [];
        List<JsonObject> matching;
        lock (history)
        {
            matching = history.Where(e => e["EventTime"]!.GetValue<double>() is var t && t >= start && t <= end)
                .Where(e => attributes.Count == 0 || Matches(e, attributes[0]!))
                .Reverse().ToList();
        }
        var (page, next) = PageToken.Slice(matching, offset.Value, Math.Min(size, maxPage));
        var answer = new JsonObject { ["Events"] = new JsonArray(page.Select(e => e.DeepClone()).ToArray()) };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }
        return Reply.Json(answer);
    }

    private static bool Matches(JsonObject e, JsonNode attribute)
    {
        var value = attribute["AttributeValue"]!.GetValue<string>();
        return attribute["AttributeKey"]!.GetValue<string>() switch
        {
            "ReadOnly" => string.Equals(e["ReadOnly"]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
            var key => e[key]?.GetValue<object>()?.ToString() == value,
        };
    }

    /// <summary>A JSON 1.1 timestamp: epoch seconds (the CLI sends them as numbers).</summary>
    private static double? Seconds(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var seconds) ? seconds : null;
}
