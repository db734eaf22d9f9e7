using System.Diagnostics;
using System.Globalization;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// Stamps each request with the moment it leaves for the socket (<see cref="AwsTestServer.SentAtHeader"/>), the last
/// step before the wire, after the rate limiter and the signing: the server then counts arrivals as AWS's edge does,
/// not when its own busy handler reaches them. The header is not signed, and only this benchmark sends it.
/// </summary>
internal sealed class SentAtStamp() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(AwsTestServer.SentAtHeader, Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
