using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// AWS Lambda's layers and the policy of a layer version (which accounts may use it), as the AWS CLI prints
/// <c>aws lambda list-layers</c> and <c>aws lambda get-layer-version-policy</c>. AWS Config does not record layers.
/// https://docs.aws.amazon.com/lambda/latest/api/API_ListLayers.html
/// https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionPolicy.html
/// </summary>
internal interface ILambdaClient
{
    /// <summary><c>{"Layers": [...]}</c>: every layer of the account in the region, each with its <c>LatestMatchingVersion</c>.</summary>
    Task<JsonElement> ListLayersAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary><c>{"Policy": "...", "RevisionId": "..."}</c>, or null when the version has no policy (Lambda answers ResourceNotFoundException).</summary>
    Task<JsonElement?> GetLayerVersionPolicyAsync(AwsContext context, string layerName, long version, CancellationToken cancellationToken);
}
