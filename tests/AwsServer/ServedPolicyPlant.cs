using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Resource policies Config does not record, planted in one region of a served account as each service answers: Logs
/// policies letting an account write, Glue policies (one timestamp with a fraction), layers whose latest version 3
/// names an account in its policy, except the last layer's, which has none; DynamoDB tables likewise (the last with no
/// policy), every other one with an enabled stream, the first table's stream with a policy of its own.
/// </summary>
internal static class ServedPolicyPlant
{
    public static string LogsName(int i) => $"delivery-{i}";

    public static string LayerName(int i) => $"shared-libs-{i}";

    /// <summary>A table's name: with a dot, as DynamoDB allows.</summary>
    public static string TableName(int i) => $"orders.v{i}";

    /// <summary>The stream label of the tables with a stream (DynamoDB's: the stream's creation time).</summary>
    public const string StreamLabel = "2024-12-05T09:13:20.123";

    /// <param name="grantee">The account each policy lets in, by index: another customer's, an unknown one's, the account's own.</param>
    public static void Plant(ServedAccount account, string region, int count, Func<int, string>? grantee = null)
    {
        grantee ??= i => $"33333333333{i % 10}";
        var policies = account.ResourcePolicies;
        policies.Logs[region] = [];
        policies.Glue[region] = [];
        policies.Layers[region] = [];
        policies.Tables[region] = [];
        for (var i = 0; i < count; i++)
        {
            policies.Logs[region].Add(new JsonObject
            {
                ["policyName"] = LogsName(i), ["lastUpdatedTime"] = 1733390000000 + i,
                ["policyDocument"] = Document(grantee(i), "logs:PutLogEvents", $"arn:aws:logs:{region}:{account.Id}:log-group:app-{i}:*"),
            });
            policies.Glue[region].Add(new JsonObject
            {
                ["PolicyInJson"] = Document(grantee(i), "glue:GetTable", $"arn:aws:glue:{region}:{account.Id}:table/sales/t{i}"),
                ["PolicyHash"] = $"aGFzaC1{i}LWZvci10ZXN0cw==", ["CreateTime"] = 1733390000 + i + (i == 0 ? 0.25 : 0), ["UpdateTime"] = 1733390100,
            });
            var layerArn = $"arn:aws:lambda:{region}:{account.Id}:layer:{LayerName(i)}";
            policies.Layers[region].Add(new JsonObject
            {
                ["LayerName"] = LayerName(i), ["LayerArn"] = layerArn,
                ["LatestMatchingVersion"] = new JsonObject
                {
                    ["LayerVersionArn"] = layerArn + ":3", ["Version"] = 3, ["Description"] = "shared libraries",
                    ["CreatedDate"] = "2024-12-05T09:13:20.123+0000", ["CompatibleRuntimes"] = new JsonArray("python3.12"),
                },
            });
            if (i < count - 1)
            {
                policies.LayerVersionPolicies[layerArn + ":3"] = Document(grantee(i), "lambda:GetLayerVersion", layerArn + ":3");
            }
            PlantTable(account, region, i, i < count - 1 ? grantee(i) : null);
        }
    }

    private static void PlantTable(ServedAccount account, string region, int i, string? grantee)
    {
        var policies = account.ResourcePolicies;
        var tableArn = $"arn:aws:dynamodb:{region}:{account.Id}:table/{TableName(i)}";
        var table = new JsonObject
        {
            ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["AttributeType"] = "S" }),
            ["TableName"] = TableName(i),
            ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["KeyType"] = "HASH" }),
            ["TableStatus"] = "ACTIVE", ["CreationDateTime"] = 1733390000.123 + i,
            ["ProvisionedThroughput"] = new JsonObject { ["NumberOfDecreasesToday"] = 0, ["ReadCapacityUnits"] = 0, ["WriteCapacityUnits"] = 0 },
            ["TableSizeBytes"] = 1024 * i, ["ItemCount"] = 3 * i, ["TableArn"] = tableArn, ["TableId"] = $"6f0c3a2e-5d1b-4c7e-9a41-2b8d7e0f1c9{i % 10}",
            ["BillingModeSummary"] = new JsonObject { ["BillingMode"] = "PAY_PER_REQUEST", ["LastUpdateToPayPerRequestDateTime"] = 1733390000.123 + i },
            ["DeletionProtectionEnabled"] = false,
        };
        if (i % 2 == 0)
        {
            var streamArn = $"{tableArn}/stream/{StreamLabel}";
            table["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = "NEW_AND_OLD_IMAGES" };
            table["LatestStreamLabel"] = StreamLabel;
            table["LatestStreamArn"] = streamArn;
            if (i == 0 && grantee is not null)
            {
                policies.DynamoDbPolicies[streamArn] = Document(grantee, "dynamodb:GetRecords", streamArn);
            }
        }
        policies.Tables[region].Add(table);
        if (grantee is not null)
        {
            policies.DynamoDbPolicies[tableArn] = Document(grantee, "dynamodb:GetItem", tableArn);
        }
    }

    private static string Document(string account, string action, string resource) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject { ["Sid"] = "share", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = account }, ["Action"] = action, ["Resource"] = resource }),
    }.ToJsonString();
}
