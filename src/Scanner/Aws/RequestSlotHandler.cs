namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The HTTP handler every AWS request leaves through: it tells the request's <see cref="RequestSlot"/> that the request
/// is sent, so that its bucket counts it from here (AWS counts arrivals), and holds a request its bucket released
/// early until its time (<see cref="RequestSlot.SendingAsync"/>). It is the outermost handler of the HTTP client every
/// collection uses (<see cref="AwsHttp"/>), the AWS SDK's clients included, which are handed the same client.
/// </summary>
internal sealed class RequestSlotHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sending = RequestSlot.Current?.SendingAsync(cancellationToken) ?? ValueTask.CompletedTask;
        return sending.IsCompletedSuccessfully ? base.SendAsync(request, cancellationToken) : SendWhenDueAsync(sending, request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWhenDueAsync(ValueTask sending, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await sending;
        return await base.SendAsync(request, cancellationToken);
    }
}
