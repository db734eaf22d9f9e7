using System.Text.Json;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>A test server serving a built estate, and `guardrails collect` pointed at it with short limits.</summary>
internal sealed class CollectionHarness : IAsyncDisposable
{
    public const string ExternalId = "guardrails+test/1";

    private CollectionHarness(AwsTestServer server) => Server = server;

    public AwsTestServer Server { get; }
    public TemporaryDirectory Output { get; } = new();
    public StringWriter Log { get; } = new();
    public string SnapshotDirectory => Path.Combine(Output.Path, "collected");
    public string ServedDirectory => Path.Combine(Output.Path, "served");

    /// <summary>Two accounts per customer, as the estate of guardrails.yaml lists them.</summary>
    public Estate Estate => new(
        Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).Chunk(2).Select((ids, i) => new Customer($"customer-{i}", $"Customer {i}", ids)).ToList(),
        [], Server.Estate.Regions);

    public static async Task<CollectionHarness> StartAsync(int accounts, int resourcesPerRegion = 12, int maxPage = 7, string[]? regions = null)
    {
        var server = await AwsTestServer.StartAsync(EstateBuilder.Build(accounts, regions ?? ["eu-west-1", "eu-central-1"], resourcesPerRegion), maxPage);
        server.ExpectedExternalId = ExternalId;
        return new CollectionHarness(server);
    }

    /// <summary>Fast enough for a unit test: milliseconds of backoff, many attempts (half the calls may be throttled).</summary>
    public static AwsSettings FastSettings(double requestsPerSecond = 500, int burst = 1, ServiceLastAccessSettings? lastAccess = null) => new()
    {
        ServiceLastAccessed = lastAccess ?? new ServiceLastAccessSettings(),
        ExternalId = ExternalId,
        RequestsPerSecond = requestsPerSecond,
        Burst = burst,
        MaxAttempts = 30,
        BaseDelay = TimeSpan.FromMilliseconds(2),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        AccountConcurrency = 10,
        RequestTimeout = TimeSpan.FromSeconds(20),
        CredentialReportTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>guardrails.yaml for <see cref="Estate"/>, with limits as fast as <see cref="FastSettings"/> (and <paramref name="extra"/> sections); returns its path.</summary>
    public string WriteConfig(string extra = "")
    {
        var path = Path.Combine(Output.Path, "guardrails.yaml");
        var customers = string.Concat(Estate.Customers.Select(c => $"""

                - id: {c.Id}
                  accounts: ["{string.Join("\", \"", c.Accounts)}"]
            """));
        File.WriteAllText(path, $"""
            estate:
              customers:{customers}
              regions: [{string.Join(", ", Estate.Regions)}]
            aws:
              externalId: "{ExternalId}"
              rateLimit: {"{"} requestsPerSecond: 500 {"}"}
              retry: {"{"} maxAttempts: 20, baseDelaySeconds: 0.002, maxDelaySeconds: 0.02 {"}"}
              credentialReportTimeoutSeconds: 20
            {extra}
            """);
        return path;
    }

    /// <summary>The environment of a `guardrails` process that collects from this server with its root keys.</summary>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment(string? secretKey = null) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Server.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = Server.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secretKey ?? Server.SecretKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public AwsEndpoints Endpoints => new(name => name == "AWS_ENDPOINT_URL" ? Server.Endpoint.ToString() : null);

    /// <param name="directory">Where to write (else <see cref="SnapshotDirectory"/>).</param>
    /// <param name="since">A previous snapshot to collect incrementally from.</param>
    /// <param name="http">The HTTP client to collect through (else the one `guardrails collect` builds).</param>
    public async Task<CollectionSummary> CollectAsync(AwsSettings settings, string? secretKey = null, string? directory = null, string? since = null, HttpClient? http = null)
    {
        using var own = http is null ? AwsHttp.Create() : null;
        var collector = new Collector(new CollectorOptions
        {
            Credentials = new BasicAWSCredentials(Server.AccessKey, secretKey ?? Server.SecretKey),
            Http = http ?? own!,
            Endpoints = Endpoints,
            Log = Log,
            CredentialReportPollInterval = TimeSpan.FromMilliseconds(5),
        });
        return await collector.RunAsync(Estate, settings, directory ?? SnapshotDirectory, TestContext.Current.CancellationToken, since: since);
    }

    /// <summary>
    /// Night 2 of an incremental test: a collection `--since` <paramref name="first"/> into night-2, the requests it made
    /// to <paramref name="service"/>, and then a full collection of the same state into night-2-full, to compare it with.
    /// </summary>
    public async Task<SecondNight> CollectSecondNightAsync(string first, string service)
    {
        Server.ClearRequests();
        var second = Path.Combine(Output.Path, "night-2");
        var summary = await CollectAsync(FastSettings(), directory: second, since: first);
        var calls = Server.Requests.Where(r => r.Service == service).ToList();
        var full = Path.Combine(Output.Path, "night-2-full");
        await CollectAsync(FastSettings(), directory: full);
        return new SecondNight(second, summary, calls, full);
    }

    public Snapshot ReadCollected(string? directory = null) => SnapshotReader.Read(directory ?? SnapshotDirectory, Estate);

    public Snapshot ReadServed(bool servicesLastAccessed = false)
    {
        Server.Estate.WriteSnapshot(ServedDirectory, servicesLastAccessed);
        return SnapshotReader.Read(ServedDirectory, Estate);
    }

    /// <summary>Every resource as comparable text: ARN, type, tags, configuration and supplementary configuration.</summary>
    public static SortedDictionary<string, string> Describe(Snapshot snapshot) => new(
        snapshot.Resources.ToDictionary(r => r.Arn, r => JsonSerializer.Serialize(new
        {
            r.Type,
            r.AccountId,
            r.Region,
            Tags = r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
            Configuration = Canonical(r.Configuration),
            Supplementary = r.SupplementaryConfiguration.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, Canonical(s.Value))).ToList(),
        })),
        StringComparer.Ordinal);

    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Undefined => "null",
        _ => element.GetRawText(),
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Output.Dispose();
    }
}

/// <summary>What <see cref="CollectionHarness.CollectSecondNightAsync"/> collected.</summary>
/// <param name="Directory">Night 2, collected incrementally.</param>
/// <param name="Summary">Night 2's summary.</param>
/// <param name="Calls">Night 2's requests to the service asked about.</param>
/// <param name="Full">The same state collected in full.</param>
internal sealed record SecondNight(string Directory, CollectionSummary Summary, IReadOnlyList<RecordedRequest> Calls, string Full);
