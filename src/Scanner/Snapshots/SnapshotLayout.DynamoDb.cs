using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>DynamoDB's tables and the resource policies of each table and its stream, each file what the AWS CLI prints for one call.</summary>
internal static partial class SnapshotLayout
{
    public const string DynamoDbFolder = "dynamodb";

    public const string TablesCommand = "list-tables";
    public const string DescribeTableCommand = "describe-table";
    public const string ResourcePolicyCommand = "get-resource-policy";

    /// <summary><c>ACCOUNT/dynamodb/REGION/list-tables.json</c>: <c>aws dynamodb list-tables</c>.</summary>
    public static string TablesFile(string account, string region) =>
        Path.Combine(account, DynamoDbFolder, NetworkId(region, RegionName()), TablesCommand + ".json");

    /// <summary><c>ACCOUNT/dynamodb/REGION/describe-table/TABLE.json</c>: <c>aws dynamodb describe-table --table-name TABLE</c>.</summary>
    public static string TableFile(string account, string region, string tableName) =>
        Path.Combine(account, DynamoDbFolder, NetworkId(region, RegionName()), DescribeTableCommand, CheckedTableName(tableName) + ".json");

    /// <summary>
    /// <c>ACCOUNT/dynamodb/REGION/get-resource-policy/TABLE/table.json</c>: <c>aws dynamodb get-resource-policy
    /// --resource-arn TABLE-ARN</c>; <c>{}</c> when DynamoDB answers PolicyNotFoundException (the table has no policy).
    /// A folder per table, not <c>TABLE.stream.json</c> beside <c>TABLE.json</c>: a table's name may hold dots.
    /// </summary>
    public static string TablePolicyFile(string account, string region, string tableName) =>
        Path.Combine(account, DynamoDbFolder, NetworkId(region, RegionName()), ResourcePolicyCommand, CheckedTableName(tableName), "table.json");

    /// <summary><c>ACCOUNT/dynamodb/REGION/get-resource-policy/TABLE/stream.json</c>: the same call on the table's <c>LatestStreamArn</c>.</summary>
    public static string StreamPolicyFile(string account, string region, string tableName) =>
        Path.Combine(account, DynamoDbFolder, NetworkId(region, RegionName()), ResourcePolicyCommand, CheckedTableName(tableName), "stream.json");

    /// <summary>Whether a name is a table's name as DynamoDB allows it (files are named after it).</summary>
    public static bool IsTableName(string name) => TableName().IsMatch(name);

    /// <summary>The name arrives in AWS's answers: one DynamoDB would not allow is refused, never a path.</summary>
    private static string CheckedTableName(string tableName) =>
        IsTableName(tableName) ? tableName : throw new SnapshotFormatException($"'{tableName}' is not a DynamoDB table name");

    // DynamoDB's TableName (botocore's model: [a-zA-Z0-9_.-]+, 3 to 255 characters); never only dots.
    [GeneratedRegex("^(?!\\.+\\z)[a-zA-Z0-9_.-]{3,255}\\z")]
    private static partial Regex TableName();
}
