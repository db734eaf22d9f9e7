using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// DynamoDB through AWS's own <see cref="AmazonDynamoDBClient"/>, sent as every other client's requests are
/// (<see cref="AwsRequestSender.CallAsync"/>): each call under the (account, region, dynamodb) rate, over the same HTTP
/// client and endpoints, retried by our one policy. The SDK's own retries are off (<c>MaxErrorRetry = 0</c>), as for
/// EC2 (<see cref="Ec2NetworkClient"/>). Answers are written as the CLI prints them by <see cref="Ec2CliJson"/>, which
/// names each member as AWS's model does; <c>tests/AwsServer/DynamoDbCliTests.cs</c> compares them with the CLI's.
/// </summary>
internal sealed class DynamoDbClient(AwsRequestSender sender) : IDynamoDbClient
{
    /// <summary>The largest page ListTables allows (Limit, 1-100).</summary>
    private const int PageSize = 100;

    /// <summary>A guard against a service that never stops paging.</summary>
    private const int MaxPages = 100_000;

    public async Task<JsonElement> ListTablesAsync(AwsContext context, CancellationToken cancellationToken)
    {
        const string operation = "ListTables";
        using var client = ClientFor(context);
        var names = new List<string>();
        string? start = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == MaxPages)
            {
                throw new InvalidDataException($"dynamodb:{operation} still paging after {MaxPages} pages");
            }
            var asked = start;
            var answer = await Call(context, operation, t => client.ListTablesAsync(new ListTablesRequest { Limit = PageSize, ExclusiveStartTableName = asked }, t), cancellationToken);
            names.AddRange(answer.TableNames ?? []);
            if (string.IsNullOrEmpty(answer.LastEvaluatedTableName))
            {
                return JsonSerializer.SerializeToElement(new JsonObject { ["TableNames"] = new JsonArray(names.Select(n => JsonValue.Create(n)).ToArray<JsonNode?>()) });
            }
            start = answer.LastEvaluatedTableName;
        }
    }

    public async Task<JsonElement?> DescribeTableAsync(AwsContext context, string tableName, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        try
        {
            var answer = await Call(context, "DescribeTable", t => client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, t), cancellationToken);
            return JsonSerializer.SerializeToElement(new JsonObject { ["Table"] = Ec2CliJson.Node(answer.Table) });
        }
        catch (AwsServiceException ex) when (ex.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    public async Task<JsonElement?> GetResourcePolicyAsync(AwsContext context, string resourceArn, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        try
        {
            var answer = await Call(context, "GetResourcePolicy", t => client.GetResourcePolicyAsync(new GetResourcePolicyRequest { ResourceArn = resourceArn }, t), cancellationToken);
            var printed = new JsonObject();
            if (answer.Policy is not null)
            {
                printed["Policy"] = answer.Policy;
            }
            if (answer.RevisionId is not null)
            {
                printed["RevisionId"] = answer.RevisionId;
            }
            return JsonSerializer.SerializeToElement(printed);
        }
        catch (AwsServiceException ex) when (ex.Code == "PolicyNotFoundException")
        {
            return null;
        }
    }

    private Task<T> Call<T>(AwsContext context, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        sender.CallAsync(context, AwsService.DynamoDb, operation, t => AwsSdk.Mapped(AwsService.DynamoDb, context, operation, () => call(t)), cancellationToken);

    /// <summary>A client for one account and region, on our HTTP client and endpoint, with the SDK's retries and endpoint discovery off.</summary>
    private AmazonDynamoDBClient ClientFor(AwsContext context)
    {
        // Endpoint discovery off too: the endpoint is ours (or AWS's regional one), never one DynamoDB names.
        var config = AwsSdk.Configured(new AmazonDynamoDBConfig { EndpointDiscoveryEnabled = false }, sender, AwsService.DynamoDb, context);
        return new AmazonDynamoDBClient(context.Credentials, config);
    }
}
