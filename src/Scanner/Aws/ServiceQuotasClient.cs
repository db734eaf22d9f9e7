using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>Service Quotas over JSON 1.1 (<c>ServiceQuotasV20190624.*</c>), signed as <c>servicequotas</c>.</summary>
internal sealed class ServiceQuotasClient(AwsProtocols protocols) : IServiceQuotasClient
{
    /// <summary>The largest page ListServiceQuotas allows.</summary>
    private const int PageSize = 100;

    public async IAsyncEnumerable<JsonElement> ListServiceQuotasAsync(AwsContext context, string serviceCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = new JsonObject { ["ServiceCode"] = serviceCode, ["MaxResults"] = PageSize };
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            // Each entry is readable until the next is asked (the page is read where it arrived): the caller writes it at once.
            using var page = await protocols.JsonAnswerAsync(context, AwsService.ServiceQuotas, "ListServiceQuotas", input, cancellationToken);
            if (page.Root.TryGetProperty("Quotas", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var quota in list.EnumerateArray())
                {
                    yield return quota;
                }
            }
            token = page.Root.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
