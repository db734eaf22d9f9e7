using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.AwsServer;

// Collection of a large estate from the local AWS test server under the per-(account, region,
// service) rate limit, against the limit's theoretical minimum: the busiest (account, region,
// service) must make n requests, and a token bucket of `burst` tokens refilled at `rate` needs at
// least (n - burst) / rate seconds for them. Everything else (accounts in parallel, retries) is overhead.
var options = Arguments(args);
int accounts = (int)options["accounts"], resources = (int)options["resources"];
double rate = options["rate"], poll = options["poll"];
var concurrency = (int)options["concurrency"];
string[] known = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];
var regions = known[..(int)options["regions"]];

var estate = EstateBuilder.Build(accounts, regions, resources);
await using var server = await AwsTestServer.StartAsync(estate, maxPage: 100);
var customers = estate.Accounts.Keys.Order(StringComparer.Ordinal).Chunk(2).Select((ids, i) => new Customer($"customer-{i}", $"Customer {i}", ids)).ToList();
var settings = new AwsSettings
{
    RequestsPerSecond = rate,
    AccountConcurrency = concurrency,
    BaseDelay = TimeSpan.FromMilliseconds(50),
    MaxDelay = TimeSpan.FromSeconds(1),
};
var output = Directory.CreateTempSubdirectory("guardrails-benchmark-").FullName;
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var collector = new Collector(new CollectorOptions
{
    Credentials = new BasicAWSCredentials(server.AccessKey, server.SecretKey),
    Http = http,
    Endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null),
    Log = TextWriter.Null,
    CredentialReportPollInterval = TimeSpan.FromSeconds(poll),
});

Console.WriteLine($"collecting {accounts} accounts x {regions.Length} regions, {resources} resources per region, {rate} requests/s per (account, region, service), {concurrency} accounts at once");
var watch = Stopwatch.StartNew();
var summary = await collector.RunAsync(new Estate(customers, [], regions), settings, output, CancellationToken.None);
watch.Stop();
Directory.Delete(output, recursive: true);

var keys = server.Requests.GroupBy(r => (r.Account, r.Region, r.Service)).ToList();
double RateOf(string service) => service == "sts" ? settings.StsRequestsPerSecond : rate;
double Minimum(IEnumerable<RecordedRequest> requests, string service) => Math.Max(0, requests.Count() - settings.Burst) / RateOf(service);
// STS is one bucket for the whole run; every other bucket belongs to one account.
var stsMinimum = keys.Where(k => k.Key.Service == "sts").Select(k => Minimum(k, "sts")).DefaultIfEmpty(0).Max();
var busiest = keys.Where(k => k.Key.Service != "sts").MaxBy(k => Minimum(k, k.Key.Service))!;
var accountMinimum = Minimum(busiest, busiest.Key.Service);
var minimum = Math.Max(stsMinimum, accountMinimum);
// With a bounded number of accounts at once, at least ceil(accounts / concurrency) accounts run one after another.
var waves = Math.Ceiling(accounts / (double)concurrency);
var waveMinimum = Math.Max(stsMinimum, waves * accountMinimum);
var most = keys.Where(k => k.Key.Service != "sts").Max(k => MostInOneSecond(k.Select(r => r.At).Order().ToList()));
Console.WriteLine($"requests: {summary.Statistics!.Requests} ({summary.Statistics!.Throttles} throttled), gaps: {summary.Gaps.Count}");
Console.WriteLine($"busiest (account, region, service): {busiest.Key.Service} with {busiest.Count()} requests at {rate}/s = {accountMinimum:F2} s; " +
                  $"STS (AssumeRole, one bucket for the run) {stsMinimum:F2} s at {settings.StsRequestsPerSecond}/s");
Console.WriteLine($"most requests of one (account, region, service) in any 1 s window: {most} (limit {rate}/s + burst {settings.Burst})");
Console.WriteLine($"theoretical minimum: {minimum:F2} s with every account at once; {waveMinimum:F2} s with {concurrency} accounts at once");
Console.WriteLine($"wall time: {watch.Elapsed.TotalSeconds:F2} s = {watch.Elapsed.TotalSeconds / waveMinimum:F2} x the minimum for {concurrency} accounts at once");
var perAccount = server.Requests.Where(r => r.Service != "sts").GroupBy(r => r.Account)
    .Select(g => (Start: g.Min(r => r.At).TotalSeconds, Took: (g.Max(r => r.At) - g.Min(r => r.At)).TotalSeconds)).OrderBy(a => a.Start).ToList();
Console.WriteLine($"accounts start from {perAccount[0].Start:F2} s to {perAccount[^1].Start:F2} s; each takes p50 {perAccount.Select(a => a.Took).Order().ElementAt(perAccount.Count / 2):F2} s, max {perAccount.Max(a => a.Took):F2} s");
var gaps = keys.Where(k => k.Key.Service == "servicequotas").SelectMany(k => k.Select(r => r.At).Order().Zip(k.Select(r => r.At).Order().Skip(1), (a, b) => (b - a).TotalMilliseconds)).Order().ToList();
Console.WriteLine($"between two requests of one (account, region, servicequotas): p10 {gaps[gaps.Count / 10]:F0} ms, p50 {gaps[gaps.Count / 2]:F0} ms, p90 {gaps[gaps.Count * 9 / 10]:F0} ms (the limit allows {1000 / rate:F0} ms)");
return summary.Gaps.Count == 0 && most <= rate + settings.Burst ? 0 : 1;

static int MostInOneSecond(List<TimeSpan> times)
{
    var most = 0;
    for (int start = 0, end = 0; start < times.Count; start++)
    {
        while (end < times.Count && times[end] - times[start] < TimeSpan.FromSeconds(1))
        {
            end++;
        }
        most = Math.Max(most, end - start);
    }
    return most;
}

static Dictionary<string, double> Arguments(string[] args)
{
    var values = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["accounts"] = 100, ["regions"] = 2, ["rate"] = 10, ["resources"] = 300, ["concurrency"] = 100, ["poll"] = 0.1,
    };
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        values[args[i].TrimStart('-')] = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    return values;
}
