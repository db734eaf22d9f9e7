using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>Resource Groups Tagging API's GetResources over JSON 1.1; the last page carries an empty PaginationToken, as AWS's does.</summary>
internal sealed class TaggingHandler(ServedEstate estate, int maxPage)
{
    public Reply Handle(RequestScope scope)
    {
        if (scope.Operation != "GetResources")
        {
            return Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}");
        }
        var all = estate.Accounts.TryGetValue(scope.Account, out var account) && account.TagMappings.TryGetValue(scope.Region, out var mappings) ? mappings : [];
        if (scope.Json["ResourceARNList"] is JsonArray arns)
        {
            // By ARN: at most 100, no paging parameter beside them; a resource without tags has no entry.
            if (arns.Count is 0 or > 100 || scope.Json.ContainsKey("ResourcesPerPage") || scope.Json.ContainsKey("PaginationToken"))
            {
                return Reply.JsonError(400, "InvalidParameterException", "ResourceARNList takes 1 to 100 ARNs and no pagination parameter");
            }
            var wanted = arns.Select(a => a?.ToString()).ToHashSet(StringComparer.Ordinal);
            return Mappings("", all.Where(m => wanted.Contains(m["ResourceARN"]?.ToString())));
        }
        var size = scope.Int("ResourcesPerPage", 100);
        if (size is < 1 or > 100)
        {
            return Reply.JsonError(400, "InvalidParameterException", "ResourcesPerPage must be between 1 and 100");
        }
        var offset = PageToken.Read(scope.Text("PaginationToken"));
        if (offset is null)
        {
            return Reply.JsonError(400, "PaginationTokenExpiredException", "The pagination token is not valid.");
        }
        var (page, next) = PageToken.Slice(all, offset.Value, Math.Min(size, maxPage));
        return Mappings(next ?? "", page);
    }

    /// <summary>Written from the served mappings themselves: a copy of each (a node has one parent) was most of a page's cost.</summary>
    private static Reply Mappings(string token, IEnumerable<JsonNode> mappings) => Reply.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("PaginationToken", token);
        writer.WriteStartArray("ResourceTagMappingList");
        foreach (var mapping in mappings)
        {
            mapping.WriteTo(writer);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
