using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// An AWS-compatible server on 127.0.0.1 for the operations Guardrails calls: it verifies SigV4,
/// speaks JSON 1.1 (Config, Tagging, Service Quotas, Organizations, CloudTrail) and Query/XML (IAM, STS), pages every list,
/// serves an estate, throttles and denies on demand, and records every request with its time.
/// One endpoint serves every service: the signature's credential scope says which is meant, and
/// its access key whose account.
/// </summary>
public sealed class AwsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ServerKeys _keys;
    private readonly StsHandler _sts;
    private readonly ConfigHandler _config;
    private readonly TaggingHandler _tagging;
    private readonly QuotasHandler _quotas;
    private readonly IamHandler _iam;
    private readonly OrganizationsHandler _organizations;
    private readonly RamHandler _ram;
    private readonly ServicePolicyHandler _policies;
    private readonly DynamoDbHandler _dynamoDb;
    private readonly CloudTrailHandler _cloudTrail;

    private AwsTestServer(ServedEstate estate, int maxPage, WebApplication app)
    {
        (Estate, _app) = (estate, app);
        _keys = new ServerKeys(estate.CallerAccount);
        _sts = new StsHandler(_keys, Faults);
        _config = new ConfigHandler(estate, Faults, maxPage);
        _tagging = new TaggingHandler(estate, maxPage);
        _quotas = new QuotasHandler(estate, maxPage);
        LastAccess = new ServiceLastAccessHandler(Faults, maxPage);
        _iam = new IamHandler(estate, maxPage, LastAccess);
        _organizations = new OrganizationsHandler(estate, maxPage);
        _ram = new RamHandler(estate, maxPage);
        _policies = new ServicePolicyHandler(estate, maxPage);
        Ec2 = new Ec2Handler(estate, maxPage);
        _dynamoDb = new DynamoDbHandler(estate, maxPage);
        _cloudTrail = new CloudTrailHandler(estate, Faults, maxPage);
    }

    public ServedEstate Estate { get; }
    internal ServerFaults Faults { get; } = new();
    internal ServiceLastAccessHandler LastAccess { get; }

    /// <summary>IAM's calls (and which accounts' credential report expires).</summary>
    internal IamHandler Iam => _iam;

    /// <summary>The EC2 network calls (and which of them are denied).</summary>
    internal Ec2Handler Ec2 { get; }
    public Uri Endpoint { get; private set; } = null!;
    public IReadOnlyCollection<RecordedRequest> Requests => _requests.ToArray();
    public string AccessKey => ServerKeys.RootAccessKey;
    public string SecretKey => ServerKeys.RootSecretKey;

    /// <summary>Every secret key and session token the server knows (the root's and each session's).</summary>
    public IReadOnlyList<string> Secrets => _keys.Secrets();

    /// <summary>Accepts another long-term key of the caller's account, as a second profile of the shared files would hold.</summary>
    public void AddCallerKey(string accessKey, string secretKey) => _keys.AddCaller(accessKey, secretKey, Estate.CallerAccount, "second-auditor");

    /// <summary>The clock that issues sessions and expires them (ExpiredToken); signatures are checked against the real time.</summary>
    public TimeProvider SessionClock { get => _sts.SessionClock; set => _sts.SessionClock = value; }

    /// <summary>How many requests the server received per (service, operation), retries and refusals included.</summary>
    public IReadOnlyDictionary<string, int> RequestsPerOperation() =>
        _requests.GroupBy(r => $"{r.Service}:{r.Operation}").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Forgets the requests received so far (a second night counts its own).</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Successful AssumeRole calls into an account: how many sessions it was given.</summary>
    public int AssumeRoleCalls(string accountId) => _requests.Count(r =>
        r is { Operation: "AssumeRole", Status: 200 } && r.FormInput.GetValueOrDefault("RoleArn", "").StartsWith($"arn:aws:iam::{accountId}:", StringComparison.Ordinal));

    /// <summary>How long every request takes before it is answered, as a round trip to AWS does (zero: at once).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// The header in which a client may stamp when it sent a request (<see cref="Stopwatch.GetTimestamp"/>, the machine's
    /// monotonic clock, shared by its processes). AWS counts a request's arrival at its edge: the send plus a network delay
    /// the same for every request. A server that shares the client's cores handles requests up to seconds after they were
    /// sent when both are busy, and that delay, not the client's pacing, squeezed two requests of a bucket together.
    /// With the stamp, the limits and the latency run from the send, as at AWS; without it, from the handling.
    /// </summary>
    public const string SentAtHeader = "x-guardrails-sent-at";

    /// <summary>When set, AWS's rate limits: a request over its bucket's limit is counted and throttled.</summary>
    public ServerLimits? Limits { get; set; }

    /// <summary>When set, AssumeRole demands this external id.</summary>
    public string? ExpectedExternalId { get => _sts.ExpectedExternalId; set => _sts.ExpectedExternalId = value; }

    /// <summary>Starts a server on a free port of 127.0.0.1; <paramref name="maxPage"/> caps every page, so that small estates page too.</summary>
    public static async Task<AwsTestServer> StartAsync(ServedEstate estate, int maxPage = 25)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new AwsTestServer(estate, maxPage, app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var handled = Stopwatch.GetElapsedTime(_started);
        var arrival = SentAt(http.Request.Headers[SentAtHeader]) is { } sent && sent <= handled ? sent : handled;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value.ToArray()), StringComparer.Ordinal);
        var target = headers.GetValueOrDefault("x-amz-target");
        // REST-JSON (AWS RAM) names the operation by its path, JSON 1.1 by X-Amz-Target, Query by the form's Action.
        var restOperation = target is null ? RamHandler.OperationOf(http.Request.Path.Value ?? "/") ?? ServicePolicyHandler.LambdaOperationOf(http.Request.Method, http.Request.Path.Value ?? "/") : null;
        var json = target is not null || restOperation is not null;
        var form = json ? new Dictionary<string, string>(StringComparer.Ordinal) : ParseForm(body);
        var operation = target is not null ? target[(target.LastIndexOf('.') + 1)..] : restOperation ?? form.GetValueOrDefault("Action") ?? "";
        var signed = new SignedRequest(http.Request.Method, http.Request.Path.Value ?? "/", http.Request.QueryString.Value ?? "", headers, body);
        var auth = SigV4Verifier.Verify(signed, _keys.Find, DateTimeOffset.UtcNow);
        // Lambda's GETs carry their input in the path and query string: the handler reads it as the model names it.
        body = ServicePolicyHandler.LambdaInput(http.Request.Method, http.Request.Path.Value ?? "/", http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))) ?? body;
        var reply = auth.Valid ? Dispatch(auth, operation, json, body, form, arrival) : AuthenticationError(auth, json);
        if (Latency > TimeSpan.Zero)
        {
            // The round trip's time is spent after the request is admitted: limits count arrivals, as AWS's do.
            await Task.Delay(Latency - (Stopwatch.GetElapsedTime(_started) - arrival) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        }
        _requests.Enqueue(new RecordedRequest(auth.Key?.AccountId ?? "", auth.Region, auth.Service, operation, arrival, reply.Status, reply.ErrorType ?? ErrorCodeOf(reply))
        {
            JsonInput = json ? Encoding.UTF8.GetString(body) : "",
            HandledAfter = handled - arrival,
            AccessKeyId = auth.Key?.AccessKeyId,
            FormInput = form,
        });
        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = reply.ContentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (reply.ErrorType is not null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = reply.ErrorType;
        }
        await http.Response.Body.WriteAsync(reply.Bytes);
    }

    private TimeSpan? SentAt(string? stamp) =>
        long.TryParse(stamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks >= _started
            ? Stopwatch.GetElapsedTime(_started, ticks)
            : null;

    /// <summary>Query services answer 403 SignatureDoesNotMatch/InvalidClientTokenId; JSON services 400 InvalidSignatureException/UnrecognizedClientException.</summary>
    private static Reply AuthenticationError(SigV4Result auth, bool json)
    {
        if (!json)
        {
            return Reply.XmlError(403, StsHandler.Ns, auth.ErrorCode!, auth.ErrorMessage!);
        }
        var code = auth.ErrorCode switch { "SignatureDoesNotMatch" => "InvalidSignatureException", "InvalidClientTokenId" => "UnrecognizedClientException", var c => c! };
        return Reply.JsonError(400, code, auth.ErrorMessage!);
    }

    private Reply Dispatch(SigV4Result auth, string operation, bool json, byte[] body, Dictionary<string, string> form, TimeSpan arrival)
    {
        JsonObject input;
        try
        {
            input = json ? JsonNode.Parse(body.Length == 0 ? "{}" : Encoding.UTF8.GetString(body)) as JsonObject ?? [] : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return Reply.JsonError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        if (auth.Key!.Expires is { } expires && _sts.SessionClock.GetUtcNow() >= expires)
        {
            const string message = "The security token included in the request is expired";
            return json ? Reply.JsonError(400, "ExpiredTokenException", message) : Reply.XmlError(403, auth.Service == "iam" ? IamHandler.Ns : StsHandler.Ns, "ExpiredToken", message);
        }
        var scope = new RequestScope(auth.Key, auth.Region, operation, input, form);
        if (Limits is { } limits && !limits.Admit(scope.Account, scope.Region, auth.Service, arrival))
        {
            return Throttled(auth.Service);
        }
        return FaultFor(scope, auth.Service, json) ?? auth.Service switch
        {
            "sts" => _sts.Handle(scope),
            "config" => _config.Handle(scope),
            "tagging" => _tagging.Handle(scope),
            "servicequotas" => _quotas.Handle(scope),
            "iam" => _iam.Handle(scope),
            "organizations" => _organizations.Handle(scope),
            "ram" => _ram.Handle(scope),
            "logs" or "glue" or "lambda" => _policies.Handle(auth.Service, scope),
            "ec2" => Ec2.Handle(scope),
            "dynamodb" => _dynamoDb.Handle(scope),
            "cloudtrail" => _cloudTrail.Handle(scope),
            var other => Reply.JsonError(400, "UnknownServiceException", $"this test server does not serve {other}"),
        };
    }

    private Reply? FaultFor(RequestScope scope, string service, bool json)
    {
        var ns = service == "iam" ? IamHandler.Ns : StsHandler.Ns;
        if (service != "sts" && service != "iam" && Faults.DisabledRegions.ContainsKey((scope.Account, scope.Region)))
        {
            return service == "ec2" ? Ec2Handler.Error(401, "OptInRequired", "You are not subscribed to this service in this region.")
                : Reply.JsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (Faults.DeniedServices.ContainsKey((scope.Account, service)))
        {
            var message = $"User: {scope.Key.Arn} is not authorized to perform: {service}:{scope.Operation}";
            return json ? Reply.JsonError(400, "AccessDeniedException", message)
                : service == "ec2" ? Ec2Handler.Error(403, "UnauthorizedOperation", message) : Reply.XmlError(403, ns, "AccessDenied", message);
        }
        if ((service != "sts" || Faults.ThrottleSts) && Faults.Roll(Faults.ThrottleFraction))
        {
            return Throttled(service);
        }
        if (service != "sts" && Faults.Roll(Faults.ServerErrorFraction))
        {
            return json ? Reply.JsonError(500, "InternalFailure", "We encountered an internal error. Please try again.")
                : service == "ec2" ? Ec2Handler.Error(500, "InternalError", "An internal error has occurred") : Reply.XmlError(500, ns, "ServiceFailure", "Internal failure", sender: false);
        }
        return null;
    }

    /// <summary>Each service's own throttling error.</summary>
    private static Reply Throttled(string service) => service switch
    {
        "config" => Reply.JsonError(400, "ThrottlingException", "Rate exceeded"),
        "tagging" => Reply.JsonError(400, "ThrottledException", "Rate exceeded"),
        "servicequotas" or "organizations" => Reply.JsonError(400, "TooManyRequestsException", "Rate exceeded"),
        "ram" => Reply.RestJsonError(429, "ThrottlingException", "Rate exceeded"),
        "logs" or "glue" or "cloudtrail" => Reply.JsonError(400, "ThrottlingException", "Rate exceeded"),
        "lambda" => Reply.RestJsonError(429, "TooManyRequestsException", "Rate exceeded"),
        "ec2" => Ec2Handler.Error(503, "RequestLimitExceeded", "Request limit exceeded."),
        "dynamodb" => DynamoDbHandler.Error(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
        _ => Reply.XmlError(400, service == "iam" ? IamHandler.Ns : StsHandler.Ns, "Throttling", "Rate exceeded"),
    };

    private static string? ErrorCodeOf(Reply reply) =>
        reply.Status < 300 ? null : System.Text.RegularExpressions.Regex.Match(reply.Body, "<Code>([^<]+)</Code>").Groups[1].Value;

    private static Dictionary<string, string> ParseForm(byte[] body) =>
        Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
