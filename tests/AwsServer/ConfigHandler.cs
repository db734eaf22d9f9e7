using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>AWS Config's operations over JSON 1.1, answering from the served estate.</summary>
internal sealed class ConfigHandler(ServedEstate estate, ServerFaults faults, int maxPage)
{
    public Reply Handle(RequestScope scope) => scope.Operation switch
    {
        "ListDiscoveredResources" => List(scope),
        "BatchGetResourceConfig" => BatchGet(scope, scope.Json["resourceKeys"] as JsonArray, aggregate: false),
        "SelectResourceConfig" => Select(scope, [.. ItemsOf(scope.Account, scope.Region), .. DeletedIn(scope.Account, scope.Region)]),
        "SelectAggregateResourceConfig" => Aggregator(scope) ?? Select(scope, estate.Accounts.Values.SelectMany(a => a.ConfigItems.Values.SelectMany(i => i)).ToList()),
        "BatchGetAggregateResourceConfig" => Aggregator(scope) ?? BatchGet(scope, scope.Json["ResourceIdentifiers"] as JsonArray, aggregate: true),
        "DescribeConfigurationRecorderStatus" => RecorderStatus(scope),
        "DescribeConfigurationRecorders" => Recorders(scope),
        "DescribeConfigurationAggregatorSourcesStatus" => Aggregator(scope) ?? SourcesStatus(scope),
        _ => Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}"),
    };

    private List<JsonObject> ItemsOf(string account, string region) =>
        estate.Accounts.TryGetValue(account, out var served) ? served.ItemsIn(region) : [];

    /// <summary>
    /// An account's own advanced query also answers with the last item of a deleted resource (status ResourceDeleted), as
    /// AWS is reported to; an aggregator's does not. Off with <see cref="ServerFaults.DeletedHiddenFromQuery"/>.
    /// </summary>
    private List<JsonObject> DeletedIn(string account, string region) =>
        !faults.DeletedHiddenFromQuery && estate.Accounts.TryGetValue(account, out var served) && served.DeletedItems.TryGetValue(region, out var deleted) ? deleted : [];

    private Reply? Aggregator(RequestScope scope) =>
        scope.Text("ConfigurationAggregatorName") == estate.AggregatorName && scope.Account == estate.CallerAccount
            ? null
            : Reply.JsonError(400, "NoSuchConfigurationAggregatorException", $"The configuration aggregator does not exist. Check the configuration aggregator name and try again.");

    private Reply List(RequestScope scope)
    {
        var type = scope.Text("resourceType");
        if (string.IsNullOrEmpty(type))
        {
            return Reply.JsonError(400, "ValidationException", "1 validation error detected: Value null at 'resourceType' failed to satisfy constraint: Member must not be null");
        }
        var offset = PageToken.Read(scope.Text("nextToken"));
        if (offset is null)
        {
            return Reply.JsonError(400, "InvalidNextTokenException", "The nextToken provided is invalid");
        }
        var matching = ItemsOf(scope.Account, scope.Region).Where(i => i["resourceType"]!.GetValue<string>() == type).ToList();
        var (page, next) = PageToken.Slice(matching, offset.Value, Math.Min(scope.Int("limit", 100), maxPage));
        var output = new JsonObject
        {
            ["resourceIdentifiers"] = new JsonArray(page.Select(i => (JsonNode)new JsonObject
            {
                ["resourceType"] = i["resourceType"]!.DeepClone(), ["resourceId"] = i["resourceId"]!.DeepClone(), ["resourceName"] = i["resourceName"]!.DeepClone(),
            }).ToArray()),
        };
        if (next is not null)
        {
            output["nextToken"] = next;
        }
        return Reply.Json(output);
    }

    private Reply BatchGet(RequestScope scope, JsonArray? keys, bool aggregate)
    {
        if (keys is null || keys.Count is 0 or > 100)
        {
            return Reply.JsonError(400, "ValidationException", "Member must have length less than or equal to 100 and greater than or equal to 1");
        }
        var items = new List<JsonObject>();
        var unprocessed = new List<JsonNode>();
        // Each region's items by key, once per call: a scan of the region per key made a batch cost keys x items.
        var byKey = new Dictionary<(string Account, string Region), Dictionary<(string?, string?), JsonObject>>();
        foreach (var key in keys.OfType<JsonObject>())
        {
            var account = aggregate ? key["SourceAccountId"]?.GetValue<string>() ?? "" : scope.Account;
            var region = aggregate ? key["SourceRegion"]?.GetValue<string>() ?? "" : scope.Region;
            var (type, id) = aggregate ? (key["ResourceType"]?.GetValue<string>(), key["ResourceId"]?.GetValue<string>()) : (key["resourceType"]?.GetValue<string>(), key["resourceId"]?.GetValue<string>());
            if (faults.Roll(faults.UnprocessedFraction))
            {
                unprocessed.Add(key);
                continue;
            }
            if (!byKey.TryGetValue((account, region), out var inRegion))
            {
                inRegion = [];
                foreach (var i in ItemsOf(account, region))
                {
                    inRegion.TryAdd((i["resourceType"]!.GetValue<string>(), i["resourceId"]!.GetValue<string>()), i);
                }
                byKey[(account, region)] = inRegion;
            }
            if (inRegion.TryGetValue((type, id), out var item))
            {
                items.Add(item);
            }
        }
        // Written from the served items themselves: a copy of each (a node has one parent) was most of a batch's cost.
        return Reply.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(aggregate ? "BaseConfigurationItems" : "baseConfigurationItems");
            items.ForEach(i => i.WriteTo(writer));
            writer.WriteEndArray();
            writer.WriteStartArray(aggregate ? "UnprocessedResourceIdentifiers" : "unprocessedResourceKeys");
            unprocessed.ForEach(k => k.WriteTo(writer));
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private Reply Select(RequestScope scope, List<JsonObject> items)
    {
        var query = SelectQuery.Parse(scope.Text("Expression") ?? "");
        if (query is null)
        {
            return Reply.JsonError(400, "InvalidExpressionException", "The expression is not valid.");
        }
        var offset = PageToken.Read(scope.Text("NextToken"));
        if (offset is null)
        {
            return Reply.JsonError(400, "InvalidNextTokenException", "The nextToken provided is invalid");
        }
        // Matched and grouped on the served nodes themselves, and only the asked page's rows written: each page of a
        // region's query copied every property of every item into rows that all but one page threw away.
        var matching = items.Where(i => query.Matches(p => Peek(i, p))).ToList();
        var rows = query.GroupBy is { } group
            ? matching.GroupBy(i => string.Join("\n", group.Select(g => Peek(i, g)?.ToString() ?? "")), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Item: g.First(), Count: g.Count())).ToList()
            : matching.Select(i => (Item: i, Count: 0)).ToList();
        var (slice, next) = PageToken.Slice(rows, offset.Value, Math.Min(scope.Int("Limit", 100), maxPage));
        var page = slice.Select(row => Row(query, row.Item, row.Count));
        var output = new JsonObject
        {
            ["Results"] = new JsonArray(page.Select(row => (JsonNode)row).ToArray()),
            ["QueryInfo"] = new JsonObject { ["SelectFields"] = new JsonArray(query.Fields.Select(f => (JsonNode)new JsonObject { ["Name"] = f }).ToArray()) },
        };
        if (next is not null)
        {
            output["NextToken"] = next;
        }
        return Reply.Json(output);
    }

    /// <summary>One recorder per account and region, recording since the start of 2025 unless a test stopped or restarted it.</summary>
    private Reply RecorderStatus(RequestScope scope)
    {
        var stopped = faults.RecorderStopped.ContainsKey((scope.Account, scope.Region));
        var started = faults.RecorderStartedAt.GetValueOrDefault((scope.Account, scope.Region), DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        return Reply.Json(new JsonObject
        {
            ["ConfigurationRecordersStatus"] = new JsonArray(new JsonObject
            {
                ["name"] = "default", ["recording"] = !stopped, ["lastStatus"] = stopped ? "Failure" : "Success",
                ["lastStartTime"] = started.ToUnixTimeSeconds(), ["lastStatusChangeTime"] = started.ToUnixTimeSeconds(),
            }),
        });
    }

    /// <summary>The customer managed recorder, recording every supported type continuously unless a test set its group and mode.</summary>
    private Reply Recorders(RequestScope scope)
    {
        var (group, mode) = faults.Recording.TryGetValue((scope.Account, scope.Region), out var set)
            ? (set.Group.DeepClone(), set.Mode.DeepClone())
            : (new JsonObject
            {
                ["allSupported"] = true, ["includeGlobalResourceTypes"] = false, ["resourceTypes"] = new JsonArray(),
                ["exclusionByResourceTypes"] = new JsonObject { ["resourceTypes"] = new JsonArray() }, ["recordingStrategy"] = new JsonObject { ["useOnly"] = "ALL_SUPPORTED_RESOURCE_TYPES" },
            }, new JsonObject { ["recordingFrequency"] = "CONTINUOUS", ["recordingModeOverrides"] = new JsonArray() });
        return Reply.Json(new JsonObject
        {
            ["ConfigurationRecorders"] = new JsonArray(new JsonObject
            {
                ["arn"] = $"arn:aws:config:{scope.Region}:{scope.Account}:configuration-recorder/default/0a1b2c3d4e5f6789", ["name"] = "default",
                ["roleARN"] = $"arn:aws:iam::{scope.Account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                ["recordingGroup"] = group, ["recordingMode"] = mode, ["recordingScope"] = "PAID",
            }),
        });
    }

    /// <summary>Every account and region of the estate as a source of the aggregator, SUCCEEDED unless a test failed one.</summary>
    private Reply SourcesStatus(RequestScope scope)
    {
        var offset = PageToken.Read(scope.Text("NextToken"));
        if (offset is null)
        {
            return Reply.JsonError(400, "InvalidNextTokenException", "The nextToken provided is invalid");
        }
        var sources = estate.Accounts.Keys.Order(StringComparer.Ordinal).SelectMany(a => estate.Regions.Select(r => (Account: a, Region: r))).ToList();
        var (page, next) = PageToken.Slice(sources, offset.Value, Math.Min(scope.Int("Limit", 100), maxPage));
        var output = new JsonObject
        {
            ["AggregatedSourceStatusList"] = new JsonArray(page.Select(s => (JsonNode)new JsonObject
            {
                ["SourceId"] = s.Account, ["SourceType"] = "ACCOUNT", ["AwsRegion"] = s.Region,
                ["LastUpdateStatus"] = faults.AggregatorSourceFailed.ContainsKey((s.Account, s.Region)) ? "FAILED" : "SUCCEEDED",
                ["LastUpdateTime"] = 1735689600.0,
            }).ToArray()),
        };
        if (next is not null)
        {
            output["NextToken"] = next;
        }
        return Reply.Json(output);
    }

    /// <summary>
    /// A property of an item as advanced query sees it (configuration is an object there, not a string), to read, not to
    /// keep: the served node itself.
    /// </summary>
    private static JsonNode? Peek(JsonObject item, string name) =>
        name == "configuration" && item["configuration"] is JsonValue text ? JsonNode.Parse(text.GetValue<string>()) : item[name];

    /// <summary>One result row as its JSON text, written from the served item (a group's row: its count in place of COUNT(*)).</summary>
    private static string Row(SelectQuery query, JsonObject item, int count)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in query.Fields)
            {
                writer.WritePropertyName(field);
                if (field == SelectQuery.Count && query.GroupBy is not null)
                {
                    writer.WriteNumberValue(count);
                }
                else if (Peek(item, field) is { } value)
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
