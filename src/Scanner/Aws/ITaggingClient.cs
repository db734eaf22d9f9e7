using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The Resource Groups Tagging API: every tagged resource of an account in a region, with its tags.
/// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
/// </summary>
internal interface ITaggingClient
{
    /// <summary>The entries of <c>ResourceTagMappingList</c>, all pages; each readable until the next is asked (write it, or clone it to keep it).</summary>
    IAsyncEnumerable<JsonElement> GetResourcesAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The entries of <c>ResourceTagMappingList</c> for these ARNs only (<c>ResourceARNList</c>, at most 100 per call, no paging):
    /// a resource without tags has no entry.
    /// </summary>
    IAsyncEnumerable<JsonElement> GetResourcesByArnAsync(AwsContext context, IReadOnlyList<string> arns, CancellationToken cancellationToken);
}
