namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>The HTTP client a collection sends every AWS request through, the AWS SDK's included.</summary>
internal static class AwsHttp
{
    /// <summary>
    /// Requests leave through <see cref="RequestSlotHandler"/>, which starts each request's rate-limit slot as it is
    /// sent, then through <paramref name="inner"/> (default: sockets, connections renewed every 5 minutes so that a
    /// long collection follows DNS changes of AWS's endpoints). Without that handler a request would be counted only
    /// when its attempt ends: never too early, but its bucket's next request would wait for the whole round trip.
    /// </summary>
    public static HttpClient Create(HttpMessageHandler? inner = null) =>
        new(new RequestSlotHandler(inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
        {
            // Each attempt is bounded by RequestTimeout: the client's own timeout would cut a shared client's other calls.
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
