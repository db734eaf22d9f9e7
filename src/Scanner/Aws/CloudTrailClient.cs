using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>CloudTrail over JSON 1.1 (<c>...CloudTrail_20131101.LookupEvents</c>), paged by <c>NextToken</c>.</summary>
internal sealed class CloudTrailClient(AwsProtocols protocols) : ICloudTrailClient
{
    /// <summary>The largest page LookupEvents allows (MaxResults, 1-50).</summary>
    private const int PageSize = 50;

    public async Task<IReadOnlyList<TrailEvent>> LookupWriteEventsAsync(AwsContext context, DateTimeOffset since, int maxPages, CancellationToken cancellationToken)
    {
        var events = new List<TrailEvent>();
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == maxPages)
            {
                throw new InvalidDataException($"cloudtrail:LookupEvents: more than {maxPages} pages ({maxPages * PageSize} write events) since {since:yyyy-MM-ddTHH:mm:ssZ}");
            }
            var input = new JsonObject
            {
                ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "ReadOnly", ["AttributeValue"] = "false" }),
                // JSON 1.1 timestamps are epoch seconds.
                ["StartTime"] = since.ToUnixTimeSeconds(),
                ["MaxResults"] = PageSize,
            };
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            var answer = await protocols.JsonAsync(context, AwsService.CloudTrail, "LookupEvents", input, cancellationToken);
            token = Read(answer, events);
            if (token is null)
            {
                return events;
            }
        }
    }

    /// <summary>Adds the page's events; returns the next token, or null after the last page. An answer of another shape throws.</summary>
    private static string? Read(JsonElement answer, List<TrailEvent> events)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the answer is not an object");
        }
        if (answer.TryGetProperty("Events", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("Events is not a list");
            }
            foreach (var item in list.EnumerateArray())
            {
                // An event without its source or name could be any change: the caller must not take the page as complete.
                if (item.ValueKind != JsonValueKind.Object || Text(item, "EventSource") is not { } source || Text(item, "EventName") is not { } name)
                {
                    throw Malformed("an event has no EventSource or EventName");
                }
                events.Add(new TrailEvent(source, name));
            }
        }
        if (!answer.TryGetProperty("NextToken", out var next) || next.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return next.ValueKind == JsonValueKind.String ? next.GetString() is { Length: > 0 } text ? text : null : throw Malformed("NextToken is not a string");
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static InvalidDataException Malformed(string what) => new($"cloudtrail:LookupEvents: {what}");
}
