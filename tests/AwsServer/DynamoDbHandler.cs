using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// DynamoDB's ListTables, DescribeTable and GetResourcePolicy over JSON 1.0 (<c>X-Amz-Target: DynamoDB_20120810.*</c>),
/// from the served account's tables: ListTables pages by <c>ExclusiveStartTableName</c> (Limit 1-100), an unknown table
/// or ARN is ResourceNotFoundException, a table or stream without a policy PolicyNotFoundException.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetResourcePolicy.html
/// </summary>
internal sealed class DynamoDbHandler(ServedEstate estate, int maxPage)
{
    private const string JsonType = "application/x-amz-json-1.0";

    /// <summary>DynamoDB's errors name their shape in its namespace, as the service sends them.</summary>
    public static Reply Error(int status, string code, string message) =>
        new(status, JsonType, new JsonObject { ["__type"] = "com.amazonaws.dynamodb.v20120810#" + code, ["message"] = message }.ToJsonString(), code);

    public Reply Handle(RequestScope scope)
    {
        var policies = estate.Accounts.GetValueOrDefault(scope.Account)?.ResourcePolicies;
        var tables = policies is not null && policies.Tables.TryGetValue(scope.Region, out var served)
            ? served.OrderBy(t => t["TableName"]!.GetValue<string>(), StringComparer.Ordinal).ToList()
            : [];
        return scope.Operation switch
        {
            "ListTables" => ListTables(scope, tables),
            "DescribeTable" => tables.FirstOrDefault(t => t["TableName"]!.GetValue<string>() == scope.Text("TableName")) is { } table
                ? Ok(new JsonObject { ["Table"] = table.DeepClone() })
                : Error(400, "ResourceNotFoundException", $"Requested resource not found: Table: {scope.Text("TableName")} not found"),
            "GetResourcePolicy" => ResourcePolicy(scope.Text("ResourceArn") ?? "", tables, policies),
            _ => Error(400, "UnknownOperationException", $"unknown operation {scope.Operation}"),
        };
    }

    private Reply ListTables(RequestScope scope, List<JsonObject> tables)
    {
        var limit = scope.Int("Limit", 100);
        if (limit < 1 || limit > 100)
        {
            return Error(400, "ValidationException", $"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        var start = scope.Text("ExclusiveStartTableName");
        var names = tables.Select(t => t["TableName"]!.GetValue<string>()).Where(n => start is null || string.CompareOrdinal(n, start) > 0).ToList();
        var page = names.Take(Math.Min(limit, maxPage)).ToList();
        var answer = new JsonObject { ["TableNames"] = new JsonArray(page.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()) };
        if (page.Count < names.Count)
        {
            answer["LastEvaluatedTableName"] = page[^1];
        }
        return Ok(answer);
    }

    private static Reply ResourcePolicy(string arn, List<JsonObject> tables, ServedPolicies? policies)
    {
        var known = tables.Any(t => t["TableArn"]!.GetValue<string>() == arn || t["LatestStreamArn"]?.GetValue<string>() == arn);
        if (!known)
        {
            return Error(400, "ResourceNotFoundException", $"Requested resource not found: {arn}");
        }
        return policies!.DynamoDbPolicies.TryGetValue(arn, out var policy)
            ? Ok(new JsonObject { ["Policy"] = policy, ["RevisionId"] = $"17333900{policy.Length:D5}" })
            : Error(400, "PolicyNotFoundException", $"Resource-based policy not found for the provided ResourceArn: {arn}");
    }

    private static Reply Ok(JsonNode output) => new(200, JsonType, output.ToJsonString());
}
