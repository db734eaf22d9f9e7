using System.Globalization;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// A night's changes to a served estate, as AWS Config records them: a fraction of each region's resources changed
/// (a new configuration and tags, captured now), as many added and as many deleted (gone from Config and the Tagging API),
/// each call recorded in CloudTrail's event history of the region.
/// Applied between two collections, never during one.
/// </summary>
public static class EstateChurn
{
    /// <summary>Changes, adds and deletes about <paramref name="fraction"/> of each region's resources in all; returns how many of each.</summary>
    public static (int Changed, int Added, int Deleted) Apply(ServedEstate estate, double fraction, DateTimeOffset capturedAt, int seed = 11)
    {
        var random = new Random(seed);
        var (changed, added, deleted) = (0, 0, 0);
        foreach (var account in estate.Accounts.Values)
        {
            foreach (var (region, items) in account.ConfigItems)
            {
                var mappings = account.TagMappings[region];
                var each = Math.Max(1, (int)Math.Round(items.Count * fraction / 3));
                for (var n = 0; n < each && items.Count > 2; n++)
                {
                    var item = items[random.Next(items.Count)];
                    var configuration = JsonNode.Parse(item["configuration"]!.GetValue<string>())!.AsObject();
                    configuration["encrypted"] = !(configuration["encrypted"]?.GetValue<bool>() ?? false);
                    item["configuration"] = configuration.ToJsonString();
                    item["configurationItemCaptureTime"] = capturedAt.ToUnixTimeMilliseconds() / 1000.0;
                    var arn = item["arn"]!.GetValue<string>();
                    mappings.RemoveAll(m => m["ResourceARN"]!.GetValue<string>() == arn);
                    mappings.Add(Mapping(arn, $"changed-{n}"));
                    account.RecordEvent(region, SourceOf(item), "Update" + NameOf(item), capturedAt);
                    changed++;

                    var copy = items[random.Next(items.Count)].DeepClone().AsObject();
                    var suffix = $"-new{seed}{n}";
                    foreach (var key in new[] { "resourceId", "resourceName", "arn" })
                    {
                        copy[key] = copy[key]!.GetValue<string>() + suffix;
                    }
                    copy["configurationItemCaptureTime"] = capturedAt.ToUnixTimeMilliseconds() / 1000.0;
                    items.Add(copy);
                    mappings.Add(Mapping(copy["arn"]!.GetValue<string>(), "added"));
                    account.RecordEvent(region, SourceOf(copy), "Create" + NameOf(copy), capturedAt);
                    added++;

                    var gone = items[random.Next(items.Count - 1)];
                    items.Remove(gone);
                    var deletedItems = account.DeletedItems.TryGetValue(region, out var list) ? list : account.DeletedItems[region] = [];
                    deletedItems.Add(new JsonObject
                    {
                        ["version"] = "1.3", ["accountId"] = account.Id, ["configurationItemCaptureTime"] = capturedAt.ToUnixTimeMilliseconds() / 1000.0,
                        ["configurationItemStatus"] = "ResourceDeleted", ["resourceType"] = gone["resourceType"]!.DeepClone(), ["resourceId"] = gone["resourceId"]!.DeepClone(),
                        ["arn"] = gone["arn"]!.DeepClone(), ["awsRegion"] = region, ["resourceDeletionTime"] = capturedAt.ToUnixTimeMilliseconds() / 1000.0,
                    });
                    mappings.RemoveAll(m => m["ResourceARN"]!.GetValue<string>() == gone["arn"]!.GetValue<string>());
                    account.RecordEvent(region, SourceOf(gone), "Delete" + NameOf(gone), capturedAt);
                    deleted++;
                }
            }
        }
        return (changed, added, deleted);
    }

    /// <summary>The service whose call changed a resource of this type, as CloudTrail names it: <c>AWS::EC2::VPC</c>, <c>ec2.amazonaws.com</c>.</summary>
    private static string SourceOf(JsonObject item) => item["resourceType"]!.GetValue<string>().Split("::")[1].ToLowerInvariant() + ".amazonaws.com";

    /// <summary>The resource type's own name, which the call is named after (<c>CreateVPC</c>).</summary>
    private static string NameOf(JsonObject item) => item["resourceType"]!.GetValue<string>().Split("::")[2];

    private static JsonObject Mapping(string arn, string value) => new()
    {
        ["ResourceARN"] = arn,
        ["Tags"] = new JsonArray(
            new JsonObject { ["Key"] = "owner", ["Value"] = "night@example.com" },
            new JsonObject { ["Key"] = "environment", ["Value"] = value.StartsWith("changed", StringComparison.Ordinal) ? "sandbox" : "prod" },
            new JsonObject { ["Key"] = "night", ["Value"] = value + "-" + arn.Length.ToString(CultureInfo.InvariantCulture) }),
    };
}
