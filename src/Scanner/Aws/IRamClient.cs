using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// AWS Resource Access Manager: the resource shares an account owns in a region, what they share and with whom. Each
/// answer is every page merged, shaped as the AWS CLI prints it (<c>aws ram get-resource-shares --resource-owner SELF</c>,
/// <c>aws ram list-resources --resource-owner SELF</c>, <c>aws ram list-principals --resource-owner SELF</c>).
/// https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShares.html
/// </summary>
internal interface IRamClient
{
    /// <summary><c>{"resourceShares": [...]}</c>: the shares the account owns.</summary>
    Task<JsonElement> GetResourceSharesAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary><c>{"resources": [...]}</c>: every resource the account's shares share, each with its share's ARN.</summary>
    Task<JsonElement> ListResourcesAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary><c>{"principals": [...]}</c>: every principal the account's shares name, each with its share's ARN.</summary>
    Task<JsonElement> ListPrincipalsAsync(AwsContext context, CancellationToken cancellationToken);
}
