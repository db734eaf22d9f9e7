using Amazon;
using Amazon.Runtime.Signing;
using Polly;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Sends one request the way every page of every client is sent: under the rate limit of its
/// (account, region, service), signed with SigV4, retried with exponential backoff and jitter on
/// throttling, 5xx and network errors. Each attempt waits for its own token, so retries count
/// against the rate as well. A page that still fails is an <see cref="AwsServiceException"/>, never
/// an empty page. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
/// </summary>
internal sealed class AwsRequestSender
{
    private readonly HttpClient _http;
    private readonly AwsEndpoints _endpoints;
    private readonly RateLimiters _limiters;
    private readonly AwsCallStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline _retry;

    public AwsRequestSender(HttpClient http, AwsEndpoints endpoints, RateLimiters limiters, AwsRetryOptions retry, AwsCallStatistics statistics, TimeProvider time)
    {
        (_http, _endpoints, _limiters, _statistics, _time, _timeout) = (http, endpoints, limiters, statistics, time, retry.RequestTimeout);
        _retry = AwsRetry.Create(retry, statistics, time);
    }

    /// <summary>The response body of a successful call, in a pooled buffer the caller disposes.</summary>
    public async Task<AwsResponseBody> SendAsync(AwsContext context, AwsRequest request, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token => await AttemptAsync(context, request, token), cancellationToken);

    /// <summary>
    /// A call through one of AWS's own SDK clients, sent as every request is: each attempt under its bucket's rate, counted,
    /// bounded by the request timeout and retried by this one policy (the SDK client's own retries are off).
    /// </summary>
    public async Task<T> CallAsync<T>(AwsContext context, AwsService service, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token =>
        {
            // The SDK signs and sends the request itself: the slot reaches the wire through this async flow.
            using var slot = await _limiters.WaitAsync(context.AccountId, context.Region, service.SigningName, token);
            RequestSlot.Current = slot;
            _statistics.Request();
            try
            {
                return await RequestTimeout.BoundAsync(_timeout, $"{service.SigningName}:{operation}", call, token);
            }
            catch (AwsServiceException error) when (error.IsThrottling)
            {
                _statistics.Throttled();
                throw;
            }
        }, cancellationToken);

    /// <summary>The HTTP client and endpoints every request goes through, an SDK client's included.</summary>
    public HttpClient Http => _http;
    public AwsEndpoints Endpoints => _endpoints;

    /// <summary>The endpoint with the operation's path beneath whatever path the endpoint (an override) already has.</summary>
    private static Uri WithPath(Uri endpoint, string path) =>
        path == "/" ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);

    private async Task<AwsResponseBody> AttemptAsync(AwsContext context, AwsRequest request, CancellationToken cancellationToken)
    {
        var signingRegion = request.Service.SigningRegion(context.Region);
        using var slot = await _limiters.WaitAsync(context.AccountId, context.Region, request.Service.SigningName, cancellationToken);
        RequestSlot.Current = slot;
        _statistics.Request();
        var uri = WithPath(_endpoints.For(request.Service, context.Region), request.Path);
        var method = new HttpMethod(request.Method);
        var withBody = method == HttpMethod.Post;
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = withBody ? request.Body : [] };
        if (withBody)
        {
            signing.Headers["Content-Type"] = request.ContentType;
        }
        if (request.Target is { } target)
        {
            signing.Headers["X-Amz-Target"] = target;
        }
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = context.Credentials,
            Region = RegionEndpoint.GetBySystemName(signingRegion),
            Service = request.Service.SigningName,
            SignedAt = _time.GetUtcNow().UtcDateTime,
        }, cancellationToken);

        using var message = new HttpRequestMessage(method, uri);
        if (withBody)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        if (request.Target is { } t)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Target", t);
        }
        foreach (var (name, value) in signed.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var (response, body) = await RequestTimeout.BoundAsync(_timeout, $"{request.Service.SigningName}:{request.Operation}", async token =>
        {
            var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
            try
            {
                return (answer, await AwsResponseBody.ReadAsync(answer.Content, token));
            }
            catch
            {
                answer.Dispose();
                throw;
            }
        }, cancellationToken);
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            byte[] content;
            using (body)
            {
                content = body.Content.ToArray();
            }
            var (code, text) = AwsErrorParser.Parse(response.StatusCode, errorType, content);
            var error = new AwsServiceException(request.Service.SigningName, request.Operation, code, CredentialRedaction.Redact(text, context.Credentials), response.StatusCode);
            if (error.IsThrottling)
            {
                _statistics.Throttled();
            }
            throw error;
        }
    }
}
