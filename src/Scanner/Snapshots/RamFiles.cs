using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads one region's AWS RAM files (<c>ram/REGION/get-resource-shares.json</c>, <c>list-resources.json</c>,
/// <c>list-principals.json</c>, each the AWS CLI's output with <c>--resource-owner SELF</c>) into one
/// <c>AWS::RAM::ResourceShare</c> resource per share, its resources and principals as supplementary configuration
/// (<see cref="ResourceShares"/>). The three are read together or not at all: a share without its principals would
/// read as shared with no one. Anything malformed is a <see cref="SnapshotFormatException"/> naming the file.
/// https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShares.html
/// </summary>
internal static class RamFiles
{
    public static List<Resource> Read(string regionFolder, string account, string region, string? root, InputLimits limits)
    {
        var shares = List(Path.Combine(regionFolder, SnapshotLayout.RamCommands.Shares + ".json"), "resourceShares", "resourceShareArn", root, limits);
        var resources = List(Path.Combine(regionFolder, SnapshotLayout.RamCommands.Resources + ".json"), "resources", "arn", root, limits);
        var principals = List(Path.Combine(regionFolder, SnapshotLayout.RamCommands.Principals + ".json"), "principals", "id", root, limits);
        var byShare = (List<JsonElement> entries) => entries
            .GroupBy(e => JsonPath.Find(e, "resourceShareArn")?.ToString() ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var resourcesOf = byShare(resources.Entries);
        var principalsOf = byShare(principals.Entries);
        var read = new List<Resource>();
        foreach (var share in shares.Entries)
        {
            var arnText = JsonPath.Find(share, "resourceShareArn")!.Value.GetString()!;
            if (!Arn.TryParse(arnText, out var arn) || arn.Service != "ram" || arn.AccountId != account || arn.Region != region)
            {
                throw new SnapshotFormatException($"{shares.Path}: resourceShareArn '{arnText}' is not a RAM share of account {account} in {region}");
            }
            read.Add(new Resource
            {
                Type = ResourceShares.ShareType,
                Arn = arnText,
                Id = arn.ResourceId,
                Name = AwsJson.Text(share, "name", shares.Path) ?? arn.ResourceId,
                AccountId = account,
                Region = region,
                Configuration = share,
                SupplementaryConfiguration = new Dictionary<string, JsonElement>
                {
                    [ResourceShares.ResourcesKey] = Array(resourcesOf.GetValueOrDefault(arnText) ?? []),
                    [ResourceShares.PrincipalsKey] = Array(principalsOf.GetValueOrDefault(arnText) ?? []),
                },
            });
        }
        return read;
    }

    private static (string Path, List<JsonElement> Entries) List(string path, string listName, string idName, string? root, InputLimits limits)
    {
        if (!InputFile.Exists(path))
        {
            throw new SnapshotFormatException($"{path} is missing: RAM's shares are judged only with all three of its files");
        }
        using var document = AwsJson.Open(path, root, limits);
        var body = JsonPath.Unwrap(AwsJson.Body(document.RootElement));
        if (body.ValueKind != JsonValueKind.Object || !JsonPath.TryGetProperty(body, listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path} has no {listName} list: not the AWS CLI's output of aws ram {System.IO.Path.GetFileNameWithoutExtension(path)}");
        }
        if (JsonPath.Find(body, "nextToken") is { ValueKind: JsonValueKind.String } token && token.GetString()!.Length > 0)
        {
            throw new SnapshotFormatException($"{path}: nextToken is set: only a page of {listName} was saved");
        }
        var entries = new List<JsonElement>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var where = $"{path}: {listName}[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{where} is {AwsJson.Kind(entry)}, not an object");
            }
            if (string.IsNullOrWhiteSpace(AwsJson.Text(entry, idName, where)))
            {
                throw new SnapshotFormatException($"{where}: {idName} is missing");
            }
            if (idName != "resourceShareArn" && string.IsNullOrWhiteSpace(AwsJson.Text(entry, "resourceShareArn", where)))
            {
                throw new SnapshotFormatException($"{where}: resourceShareArn is missing: whose share it belongs to is unknown");
            }
            if (JsonPath.Find(entry, "allowExternalPrincipals") is { } external && external.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new SnapshotFormatException($"{where}: allowExternalPrincipals is {AwsJson.Kind(external)}, not a boolean");
            }
            entries.Add(entry.Clone());
        }
        return (path, entries);
    }

    private static JsonElement Array(List<JsonElement> entries) => JsonSerializer.SerializeToElement(entries);
}
