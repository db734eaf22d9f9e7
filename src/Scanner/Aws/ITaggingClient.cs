using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The Resource Groups Tagging API: every tagged resource of an account in a region, with its tags.
/// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
/// </summary>
internal interface ITaggingClient
{
    /// <summary>The entries of <c>ResourceTagMappingList</c>, all pages.</summary>
    IAsyncEnumerable<JsonElement> GetResourcesAsync(AwsContext context, CancellationToken cancellationToken);
}
