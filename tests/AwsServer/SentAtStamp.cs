using System.Diagnostics;
using System.Globalization;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Stamps each request with the moment it leaves for the socket (<see cref="AwsTestServer.SentAtHeader"/>), the last
/// step before the wire, after the rate limiter, the signing and the collector's <c>RequestSlotHandler</c>
/// (where the limiter counts the request as sent): the server then counts arrivals as AWS's edge does, not when its own
/// busy handler reaches them. The header is not signed; only the benchmark and the tests of the limits send it.
/// </summary>
public sealed class SentAtStamp() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(AwsTestServer.SentAtHeader, Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
