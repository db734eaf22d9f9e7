using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// DynamoDB's tables of an account in a region and the resource policies of a table and of its stream, through AWS's
/// own AWSSDK.DynamoDBv2 client, each answer shaped as the AWS CLI prints it (<c>aws dynamodb list-tables</c>,
/// <c>describe-table</c>, <c>get-resource-policy</c>). AWS Config records tables without their policies.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetResourcePolicy.html
/// </summary>
internal interface IDynamoDbClient
{
    /// <summary><c>{"TableNames": [...]}</c>: every table of the account in the region, every page merged.</summary>
    Task<JsonElement> ListTablesAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary><c>{"Table": {...}}</c>, or null when the table no longer exists (DynamoDB answers ResourceNotFoundException).</summary>
    Task<JsonElement?> DescribeTableAsync(AwsContext context, string tableName, CancellationToken cancellationToken);

    /// <summary>
    /// <c>{"Policy": "...", "RevisionId": "..."}</c> of a table's or a stream's ARN, or null when it has no policy
    /// (DynamoDB answers PolicyNotFoundException).
    /// </summary>
    Task<JsonElement?> GetResourcePolicyAsync(AwsContext context, string resourceArn, CancellationToken cancellationToken);
}
