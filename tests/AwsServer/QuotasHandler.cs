using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>Service Quotas' ListServiceQuotas over JSON 1.1.</summary>
internal sealed class QuotasHandler(ServedEstate estate, int maxPage)
{
    public Reply Handle(RequestScope scope)
    {
        if (scope.Operation != "ListServiceQuotas")
        {
            return Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}");
        }
        var code = scope.Text("ServiceCode");
        if (string.IsNullOrEmpty(code))
        {
            return Reply.JsonError(400, "ValidationException", "1 validation error detected: Value null at 'serviceCode' failed to satisfy constraint: Member must not be null");
        }
        var size = scope.Int("MaxResults", 100);
        var offset = PageToken.Read(scope.Text("NextToken"));
        if (offset is null || size is < 1 or > 100)
        {
            return Reply.JsonError(400, "InvalidPaginationTokenException", "Invalid pagination token or page size");
        }
        List<JsonObject> all = estate.Accounts.TryGetValue(scope.Account, out var account)
                               && account.Quotas.TryGetValue(scope.Region, out var services)
                               && services.TryGetValue(code, out var quotas) ? quotas : [];
        var (page, next) = PageToken.Slice(all, offset.Value, Math.Min(size, maxPage));
        var output = new JsonObject { ["Quotas"] = new JsonArray(page.Select(q => q.DeepClone()).ToArray()) };
        if (next is not null)
        {
            output["NextToken"] = next;
        }
        return Reply.Json(output);
    }
}
