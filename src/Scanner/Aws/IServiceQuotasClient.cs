using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Service Quotas: the applied quota values of one service in an account and region.
/// https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ListServiceQuotas.html
/// </summary>
internal interface IServiceQuotasClient
{
    /// <summary>The entries of <c>Quotas</c>, all pages; each readable until the next is asked (write it, or clone it to keep it).</summary>
    IAsyncEnumerable<JsonElement> ListServiceQuotasAsync(AwsContext context, string serviceCode, CancellationToken cancellationToken);
}
