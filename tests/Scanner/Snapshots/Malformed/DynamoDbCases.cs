using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// A region's dynamodb/ files (aws dynamodb list-tables, describe-table, get-resource-policy of the table and its
/// stream): read, or a dynamodb:resource-policies gap naming the file. Names and ARNs arrive from AWS: a name that is a
/// path, or an ARN of another account or table, is refused.
/// </summary>
internal static class DynamoDbCases
{
    private const string Folder = $"{Acme}/dynamodb/eu-west-1";
    private const string Tables = $"{Folder}/list-tables.json";
    private const string Document = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}""";
    private const string Policy = $$"""{"Policy": "{{Document}}", "RevisionId": "1733390000123"}""";

    private static string Table(string account = Acme, string? stream = null) =>
        $$$"""{"Table": {"TableName": "orders.v1", "TableArn": "arn:aws:dynamodb:eu-west-1:{{{account}}}:table/orders.v1", "TableStatus": "ACTIVE", "CreationDateTime": "2024-12-05T09:13:20.123000+00:00"{{{(stream is null ? "" : $$""", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}, "LatestStreamArn": "{{stream}}" """)}}}}}""";

    private static readonly string StreamArn = $"arn:aws:dynamodb:eu-west-1:{Acme}:table/orders.v1/stream/2024-12-05T09:13:20.123";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("dynamodb: the CLI's outputs are read", Tables, Expect.Read, "", Described(Table(stream: StreamArn), streamPolicy: Policy)),
        Gap("dynamodb: a listed table without its describe-table file", Tables, "orders.v1.json is missing", path => Write(path, """{"TableNames": ["orders.v1"]}""")),
        Gap("dynamodb: a table name that is a path", Tables, "is not a DynamoDB table name", path => Write(path, """{"TableNames": ["../../../iam"]}""")),
        Gap("dynamodb: a table name that is only dots", Tables, "is not a DynamoDB table name", path => Write(path, """{"TableNames": ["..."]}""")),
        Gap("dynamodb: only the first page", Tables, "LastEvaluatedTableName is set", path => Write(path, """{"TableNames": [], "LastEvaluatedTableName": "orders.v1"}""")),
        Gap("dynamodb: a table of another account", Tables, "is not table orders.v1 of account", Described(Table(account: Globex))),
        Gap("dynamodb: a policy that is an object", Tables, "Policy is an object", Described(Table(), tablePolicy: """{"Policy": {"Version": "2012-10-17"}}""")),
        Gap("dynamodb: an enabled stream without its policy file", Tables, "stream.json is missing", Described(Table(stream: StreamArn))),
        Gap("dynamodb: a stream of another table", Tables, "is not a stream of the table", Described(Table(stream: StreamArn.Replace("orders.v1", "payments", StringComparison.Ordinal)), streamPolicy: "{}")),
        Gap("dynamodb: list-tables is a link to /dev/urandom", Tables, "outside the snapshot", Plant.LinkTo("/dev/urandom")),
    ];

    /// <summary>list-tables.json naming orders.v1, its describe-table and table policy files, and the stream's when given.</summary>
    private static Action<string> Described(string table, string tablePolicy = Policy, string? streamPolicy = null) => path =>
    {
        var folder = Path.GetDirectoryName(path)!;
        Write(Path.Combine(folder, "describe-table", "orders.v1.json"), table);
        Write(Path.Combine(folder, "get-resource-policy", "orders.v1", "table.json"), tablePolicy);
        if (streamPolicy is not null)
        {
            Write(Path.Combine(folder, "get-resource-policy", "orders.v1", "stream.json"), streamPolicy);
        }
        Write(path, """{"TableNames": ["orders.v1"]}""");
    };

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static MalformedCase Gap(string name, string target, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}
