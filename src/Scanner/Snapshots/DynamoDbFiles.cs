using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads one region's DynamoDB tables, each with its resource policy and its latest stream's, as the AWS CLI prints
/// them: <c>dynamodb/REGION/list-tables.json</c>, <c>describe-table/TABLE.json</c> and
/// <c>get-resource-policy/TABLE/table.json</c> (and <c>stream.json</c> for a table whose stream is enabled). Anything
/// malformed or missing is a <see cref="SnapshotFormatException"/> naming the file: the region's tables and streams are
/// then a gap, never "no policy". https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetResourcePolicy.html
/// </summary>
internal static class DynamoDbFiles
{
    public static List<Resource> Read(string accountDirectory, string account, string region, string? root, InputLimits limits)
    {
        var read = new List<Resource>();
        foreach (var name in TableNames(SnapshotLayout.TablesFile(accountDirectory, region), root, limits))
        {
            var path = SnapshotLayout.TableFile(accountDirectory, region, name);
            var table = Table(path, account, region, name, root, limits);
            read.Add(new Resource
            {
                Type = ServiceResourcePolicies.DynamoDbTable, Arn = table.GetProperty("TableArn").GetString()!, Id = name, Name = name,
                AccountId = account, Region = region, Configuration = table,
                SupplementaryConfiguration = Policy(SnapshotLayout.TablePolicyFile(accountDirectory, region, name), root, limits),
            });
            if (StreamArn(table, path) is { } stream)
            {
                read.Add(new Resource
                {
                    Type = ServiceResourcePolicies.DynamoDbStream, Arn = stream, Id = stream[(stream.IndexOf(":table/", StringComparison.Ordinal) + 7)..], Name = name,
                    AccountId = account, Region = region, Configuration = table,
                    SupplementaryConfiguration = Policy(SnapshotLayout.StreamPolicyFile(accountDirectory, region, name), root, limits),
                });
            }
        }
        return read;
    }

    /// <summary>The whole list of names, each a table name; a name left to start from means only a page was saved.</summary>
    private static List<string> TableNames(string path, string? root, InputLimits limits)
    {
        var body = Body(path, root, limits, "the region's tables were not saved");
        if (!JsonPath.TryGetProperty(body, "TableNames", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path} has no TableNames list: not the AWS CLI's output of aws dynamodb list-tables");
        }
        if (AwsJson.Text(body, "LastEvaluatedTableName", path) is { Length: > 0 })
        {
            throw new SnapshotFormatException($"{path}: LastEvaluatedTableName is set: only a page of TableNames was saved");
        }
        var names = new List<string>();
        foreach (var entry in list.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.String ? entry.GetString()! : throw new SnapshotFormatException($"{path}: TableNames[{names.Count}] is {AwsJson.Kind(entry)}, not a string");
            names.Add(SnapshotLayout.IsTableName(name) ? name : throw new SnapshotFormatException($"{path}: TableNames[{names.Count}] '{name}' is not a DynamoDB table name"));
        }
        return names;
    }

    /// <summary>The <c>Table</c> of describe-table, named as listed and its ARN that table's of this account and region.</summary>
    private static JsonElement Table(string path, string account, string region, string name, string? root, InputLimits limits)
    {
        var body = Body(path, root, limits, "the table was listed but not described");
        var table = JsonPath.Find(body, "Table") is { ValueKind: JsonValueKind.Object } found
            ? found.Clone()
            : throw new SnapshotFormatException($"{path} has no Table: not the AWS CLI's output of aws dynamodb describe-table");
        if (AwsJson.Text(table, "TableName", path) != name)
        {
            throw new SnapshotFormatException($"{path}: Table.TableName is not '{name}', the table listed");
        }
        var arnText = AwsJson.Text(table, "TableArn", path) ?? "";
        if (!table.TryGetProperty("TableArn", out _) || !Arn.TryParse(arnText, out var arn) || arn.Service != "dynamodb" || arn.AccountId != account
            || arn.Region != region || arn.Resource != "table/" + name)
        {
            throw new SnapshotFormatException($"{path}: Table.TableArn '{arnText}' is not table {name} of account {account} in {region}");
        }
        return table;
    }

    /// <summary>The table's latest stream while it is enabled (a disabled one is not judged), checked to be that table's.</summary>
    private static string? StreamArn(JsonElement table, string path)
    {
        if (JsonPath.Find(table, "StreamSpecification", "StreamEnabled") is not { ValueKind: JsonValueKind.True })
        {
            return null;
        }
        var stream = AwsJson.Text(table, "LatestStreamArn", path) ?? throw new SnapshotFormatException($"{path}: the stream is enabled but Table.LatestStreamArn is missing");
        var prefix = table.GetProperty("TableArn").GetString() + "/stream/";
        return stream.StartsWith(prefix, StringComparison.Ordinal) && stream.Length > prefix.Length && !stream[prefix.Length..].Contains('/', StringComparison.Ordinal)
            ? stream
            : throw new SnapshotFormatException($"{path}: Table.LatestStreamArn '{stream}' is not a stream of the table");
    }

    /// <summary>A policy file: <c>{}</c> is no policy, a missing file is not known (the resource is then not judged).</summary>
    private static Dictionary<string, JsonElement> Policy(string path, string? root, InputLimits limits)
    {
        var body = Body(path, root, limits, "the resource policy was not saved ({} when there is none)");
        if (JsonPath.Find(body, "Policy") is { } policy && policy.ValueKind != JsonValueKind.String)
        {
            throw new SnapshotFormatException($"{path}: Policy is {AwsJson.Kind(policy)}, not a string");
        }
        return new Dictionary<string, JsonElement> { ["ResourcePolicy"] = body };
    }

    private static JsonElement Body(string path, string? root, InputLimits limits, string whyMissing)
    {
        if (!InputFile.Exists(path))
        {
            throw new SnapshotFormatException($"{path} is missing: {whyMissing}");
        }
        using var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        return body.ValueKind == JsonValueKind.Object
            ? body.Clone()
            : throw new SnapshotFormatException($"{path} is {AwsJson.Kind(body)}, not an object as the AWS CLI prints DynamoDB's answers");
    }
}
