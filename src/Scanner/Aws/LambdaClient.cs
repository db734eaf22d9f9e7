using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>AWS Lambda over REST-JSON: GETs of the API version 2018-10-31's layer paths, ListLayers paged by <c>Marker</c>.</summary>
internal sealed class LambdaClient(AwsProtocols protocols) : ILambdaClient
{
    /// <summary>The largest page ListLayers allows (MaxItems, 1-50).</summary>
    private const int PageSize = 50;

    private const string LayersPath = "/2018-10-31/layers";

    public Task<JsonElement> ListLayersAsync(AwsContext context, CancellationToken cancellationToken) =>
        JsonPages.AllAsync("Layers", "NextMarker", marker =>
        {
            var query = $"?MaxItems={PageSize}" + (marker is null ? "" : "&Marker=" + Uri.EscapeDataString(marker));
            return protocols.RestJsonGetAsync(context, AwsService.Lambda, "ListLayers", LayersPath + query, cancellationToken);
        }, item => item);

    public async Task<JsonElement?> GetLayerVersionPolicyAsync(AwsContext context, string layerName, long version, CancellationToken cancellationToken)
    {
        var path = $"{LayersPath}/{Uri.EscapeDataString(layerName)}/versions/{version.ToString(CultureInfo.InvariantCulture)}/policy";
        try
        {
            var answer = await protocols.RestJsonGetAsync(context, AwsService.Lambda, "GetLayerVersionPolicy", path, cancellationToken);
            // The CLI prints the output's members, and nothing else the answer might carry.
            var printed = new JsonObject();
            foreach (var name in OutputMembers)
            {
                if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var value))
                {
                    printed[name] = JsonNode.Parse(value.GetRawText());
                }
            }
            return JsonSerializer.SerializeToElement(printed);
        }
        catch (AwsServiceException ex) when (ex.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>GetLayerVersionPolicyResponse's members in Lambda's model.</summary>
    private static readonly string[] OutputMembers = ["Policy", "RevisionId"];
}
