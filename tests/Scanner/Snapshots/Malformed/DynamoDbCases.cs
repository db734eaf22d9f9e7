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

    private const string Describe = $"{Folder}/describe-table/orders.v1.json";
    private const string TablePolicy = $"{Folder}/get-resource-policy/orders.v1/table.json";
    private const string StreamPolicy = $"{Folder}/get-resource-policy/orders.v1/stream.json";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("dynamodb: the CLI's outputs are read", Tables, Expect.Read, "", Described(Table(stream: StreamArn), streamPolicy: Policy)),
        Gap("dynamodb: a listed table without its describe-table file", Describe, "orders.v1.json is missing", path => Write(RegionFile(path, "list-tables.json"), """{"TableNames": ["orders.v1"]}""")),
        Gap("dynamodb: a table name that is a path", Tables, "is not a DynamoDB table name", path => Write(path, """{"TableNames": ["../../../iam"]}""")),
        Gap("dynamodb: a table name that is only dots", Tables, "is not a DynamoDB table name", path => Write(path, """{"TableNames": ["..."]}""")),
        Gap("dynamodb: only the first page", Tables, "LastEvaluatedTableName is set", path => Write(path, """{"TableNames": [], "LastEvaluatedTableName": "orders.v1"}""")),
        Gap("dynamodb: a table of another account", Describe, "is not table orders.v1 of account", Described(Table(account: Globex))),
        Gap("dynamodb: a policy that is an object", TablePolicy, "Policy is an object", Described(Table(), tablePolicy: """{"Policy": {"Version": "2012-10-17"}}""")),
        Gap("dynamodb: an enabled stream without its policy file", StreamPolicy, "stream.json is missing", Described(Table(stream: StreamArn))),
        Gap("dynamodb: a stream of another table", Describe, "is not a stream of the table", Described(Table(stream: StreamArn.Replace("orders.v1", "payments", StringComparison.Ordinal)), streamPolicy: "{}")),
        Gap("dynamodb: list-tables is a link to /dev/urandom", Tables, "outside the snapshot", path =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Plant.LinkTo("/dev/urandom")(path);
        }),
    ];

    /// <summary>list-tables.json naming orders.v1, its describe-table and table policy files, and the stream's when given.</summary>
    private static Action<string> Described(string table, string tablePolicy = Policy, string? streamPolicy = null) => path =>
    {
        Write(RegionFile(path, "describe-table/orders.v1.json"), table);
        Write(RegionFile(path, "get-resource-policy/orders.v1/table.json"), tablePolicy);
        if (streamPolicy is not null)
        {
            Write(RegionFile(path, "get-resource-policy/orders.v1/stream.json"), streamPolicy);
        }
        Write(RegionFile(path, "list-tables.json"), """{"TableNames": ["orders.v1"]}""");
    };

    /// <summary>A file of the planted file's dynamodb/eu-west-1/ folder.</summary>
    private static string RegionFile(string planted, string relative)
    {
        var folder = planted[..(planted.IndexOf("/dynamodb/eu-west-1/", StringComparison.Ordinal) + "/dynamodb/eu-west-1/".Length)];
        return Path.Combine(folder, relative);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static MalformedCase Gap(string name, string target, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}
