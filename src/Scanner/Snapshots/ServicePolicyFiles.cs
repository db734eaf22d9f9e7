using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads the resource policies AWS Config does not record, one region of one account at a time, each file as the AWS
/// CLI prints it: <c>logs/REGION/describe-resource-policies.json</c>, <c>glue/REGION/get-resource-policies.json</c>,
/// <c>lambda/REGION/list-layers.json</c> with <c>get-layer-version-policy/NAME/VERSION.json</c> for each layer's latest
/// version (<see cref="ServiceResourcePolicies"/>). Anything malformed or missing is a <see cref="SnapshotFormatException"/>
/// naming the file: the region's policies of that service are then a gap, never "no policy".
/// </summary>
internal static class ServicePolicyFiles
{
    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html</summary>
    public static List<Resource> ReadLogs(string accountDirectory, string account, string region, string? root, InputLimits limits)
    {
        var (path, entries) = List(SnapshotLayout.LogsPoliciesFile(accountDirectory, region), "resourcePolicies", "nextToken", root, limits);
        return entries.Select((entry, i) =>
        {
            var where = $"{path}: resourcePolicies[{i}]";
            var name = Required(entry, "policyName", where);
            Required(entry, "policyDocument", where);
            return new Resource
            {
                Type = ServiceResourcePolicies.LogsResourcePolicy, Arn = $"arn:{Partition(region)}:logs:{region}:{account}:resource-policy:{name}",
                Id = name, Name = name, AccountId = account, Region = region, Configuration = entry,
            };
        }).ToList();
    }

    /// <summary>https://docs.aws.amazon.com/glue/latest/webapi/API_GetResourcePolicies.html</summary>
    public static List<Resource> ReadGlue(string accountDirectory, string account, string region, string? root, InputLimits limits)
    {
        var (path, entries) = List(SnapshotLayout.GluePoliciesFile(accountDirectory, region), "GetResourcePoliciesResponseList", "NextToken", root, limits);
        return entries.Select((entry, i) =>
        {
            var where = $"{path}: GetResourcePoliciesResponseList[{i}]";
            Required(entry, "PolicyInJson", where);
            var hash = Required(entry, "PolicyHash", where);
            return new Resource
            {
                Type = ServiceResourcePolicies.GlueResourcePolicy, Arn = $"arn:{Partition(region)}:glue:{region}:{account}:resource-policy/{hash}",
                Id = hash, Name = hash, AccountId = account, Region = region, Configuration = entry,
            };
        }).ToList();
    }

    /// <summary>
    /// Each layer's latest version with its policy. https://docs.aws.amazon.com/lambda/latest/api/API_ListLayers.html,
    /// https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionPolicy.html
    /// </summary>
    public static List<Resource> ReadLayers(string accountDirectory, string account, string region, string? root, InputLimits limits)
    {
        var (path, entries) = List(SnapshotLayout.LayersFile(accountDirectory, region), "Layers", "NextMarker", root, limits);
        var read = new List<Resource>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, where) = (entries[i], $"{path}: Layers[{i}]");
            var name = Required(entry, "LayerName", where);
            if (!SnapshotLayout.IsLayerName(name))
            {
                throw new SnapshotFormatException($"{where}: LayerName '{name}' is not a Lambda layer name");
            }
            var latest = JsonPath.Find(entry, "LatestMatchingVersion") is { ValueKind: JsonValueKind.Object } found
                ? found
                : throw new SnapshotFormatException($"{where}: LatestMatchingVersion is missing: which version to judge is unknown");
            var arnText = Required(latest, "LayerVersionArn", where + ".LatestMatchingVersion");
            var version = JsonPath.Find(latest, "Version") is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var v) && v > 0
                ? v
                : throw new SnapshotFormatException($"{where}: LatestMatchingVersion.Version is not a version number");
            if (!Arn.TryParse(arnText, out var arn) || arn.Service != "lambda" || arn.AccountId != account || arn.Region != region
                || arn.Resource != $"layer:{name}:{version}")
            {
                throw new SnapshotFormatException($"{where}: LayerVersionArn '{arnText}' is not version {version} of layer {name} of account {account} in {region}");
            }
            read.Add(new Resource
            {
                Type = ServiceResourcePolicies.LayerVersion, Arn = arnText, Id = $"{name}:{version}", Name = name,
                AccountId = account, Region = region, Configuration = entry,
                SupplementaryConfiguration = Policy(SnapshotLayout.LayerPolicyFile(accountDirectory, region, name, version), root, limits),
            });
        }
        return read;
    }

    /// <summary>A layer version's policy file: <c>{}</c> is a version without a policy, a missing file is not known.</summary>
    private static Dictionary<string, JsonElement> Policy(string path, string? root, InputLimits limits)
    {
        if (!InputFile.Exists(path))
        {
            throw new SnapshotFormatException($"{path} is missing: the layer version's policy was not saved ({{}} when it has none)");
        }
        using var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotFormatException($"{path} is {AwsJson.Kind(body)}, not the AWS CLI's output of aws lambda get-layer-version-policy");
        }
        var policy = JsonPath.Find(body, "Policy");
        if (policy is null)
        {
            return [];
        }
        return policy.Value.ValueKind == JsonValueKind.String
            ? new Dictionary<string, JsonElement> { ["Policy"] = policy.Value.Clone() }
            : throw new SnapshotFormatException($"{path}: Policy is {AwsJson.Kind(policy.Value)}, not a string");
    }

    /// <summary>The file's list, each entry an object; the whole list or an error (a token left means only a page was saved).</summary>
    internal static (string Path, List<JsonElement> Entries) List(string path, string listName, string tokenName, string? root, InputLimits limits)
    {
        if (!InputFile.Exists(path))
        {
            throw new SnapshotFormatException($"{path} is missing: the region's {listName} were not saved");
        }
        using var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        var command = System.IO.Path.GetFileNameWithoutExtension(path);
        if (body.ValueKind != JsonValueKind.Object || !JsonPath.TryGetProperty(body, listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path} has no {listName} list: not the AWS CLI's output of {command}");
        }
        if (JsonPath.Find(body, tokenName) is { ValueKind: JsonValueKind.String } token && token.GetString()!.Length > 0)
        {
            throw new SnapshotFormatException($"{path}: {tokenName} is set: only a page of {listName} was saved");
        }
        var entries = new List<JsonElement>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{path}: {listName}[{index}] is {AwsJson.Kind(entry)}, not an object");
            }
            entries.Add(entry.Clone());
            index++;
        }
        return (path, entries);
    }

    internal static string Required(JsonElement entry, string name, string where) =>
        AwsJson.Text(entry, name, where) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new SnapshotFormatException($"{where}: {name} is missing");

    /// <summary>The partition of a region: the ARN of a policy AWS names none of is made in the region's own.</summary>
    internal static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
}
