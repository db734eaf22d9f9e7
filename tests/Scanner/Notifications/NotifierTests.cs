using System.Text.Json;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Notifications;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Notifications.NotificationScans;

namespace Ocado.Guardrails.Tests.Scanner.Notifications;

/// <summary>Digests sent to a real webhook receiver on loopback: content, scoping per customer, masking, retry, at most once.</summary>
public sealed class NotifierTests
{
    private const string Secret = "T000/B000/very-secret-token";

    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private static Notifier NotifierFor(IFindingsStore store, GuardrailsConfig config, WebhookReceiver receiver, List<string> warnings) =>
        new(store, config, new HttpClient(), TimeProvider.System, name => name switch
        {
            "ESTATE_URL" => receiver.Url("estate/" + Secret),
            "ACME_URL" => receiver.Url("acme/" + Secret),
            _ => null,
        }, warnings.Add) { RetryDelay = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task TheEstatesSlackDigestListsNewFailuresAtItsSeverityResolvedForecastsWaiversGapsAndTheLink()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync();
        var config = Config("""[{"name": "secops", "webhook": "ESTATE_URL", "format": "slack", "minSeverity": "high"}]""");

        await NotifierFor(opened.Store, config, receiver, []).NotifyAsync(Scan(config), ScanRecord.WholeEstate, "https://guardrails.example/reports/x/report.html", TestContext.Current.CancellationToken);

        var (path, body) = Assert.Single(receiver.Received);
        Assert.Equal("estate/" + Secret, path);
        var text = JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("New failures (2):", text);
        Assert.Contains($"storage-public-bucket arn:aws:s3:::storage-public-bucket-{Globex}", text);
        Assert.DoesNotContain("tagging-required-tags arn", text);
        Assert.DoesNotContain("storage-old-problem", text);
        Assert.Contains("Resolved (1):", text);
        Assert.Contains("Quotas forecast to run out (1):", text);
        Assert.Contains("Waivers expiring soon (1):", text);
        Assert.Contains("New coverage gaps (1):", text);
        Assert.EndsWith("Report: https://guardrails.example/reports/x/report.html", text);
    }

    [Fact]
    public async Task ACustomersTeamsChannelHearsOnlyOfItsCustomersAccounts()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync();
        var config = Config("""[{"name": "acme", "webhook": "ACME_URL", "format": "teams", "minSeverity": "low", "customer": "acme"}]""");

        await NotifierFor(opened.Store, config, receiver, []).NotifyAsync(Scan(config), ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        var (_, body) = Assert.Single(receiver.Received);
        var card = JsonDocument.Parse(body).RootElement;
        Assert.Equal("MessageCard", card.GetProperty("@type").GetString());
        Assert.Contains("of acme", card.GetProperty("title").GetString());
        Assert.Contains(Acme, body);
        Assert.DoesNotContain(Globex, body);
        Assert.Contains("tagging-required-tags", body);
    }

    [Fact]
    public async Task AFailingWebhookIsRetriedAndThenDelivered()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var config = Config("""[{"name": "secops", "webhook": "ESTATE_URL", "format": "generic"}]""");
        var scan = Scan(config);

        await NotifierFor(opened.Store, config, receiver, []).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        Assert.Equal(3, receiver.Requests);
        var generic = JsonDocument.Parse(Assert.Single(receiver.Received).Body).RootElement;
        Assert.Equal(2, generic.GetProperty("newFailures").GetArrayLength());
        var delivery = Assert.Single(await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Delivered, 3), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task AWebhookThatKeepsFailingIsRecordedAsAFailedDeliveryWithoutItsSecretAndNeverThrows()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 100);
        var config = Config("""[{"name": "secops", "webhook": "ESTATE_URL", "format": "slack"}, {"name": "unset", "webhook": "NOT_SET_URL"}]""");
        var scan = Scan(config);
        var warnings = new List<string>();

        await NotifierFor(opened.Store, config, receiver, warnings).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        Assert.Equal(3, receiver.Requests);
        var deliveries = await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken);
        Assert.All(deliveries, d => Assert.Equal(Delivery.Failed, d.Status));
        Assert.Contains("503", deliveries.Single(d => d.Channel == "secops").Error);
        Assert.Contains("NOT_SET_URL", deliveries.Single(d => d.Channel == "unset").Error);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings.Concat(deliveries.Select(d => d.Error!)), m => Assert.DoesNotContain("very-secret-token", m));
        Assert.Equal("POST /*** failed", WebhookSender.Mask($"POST /{Secret} failed", "https://hooks.example/" + Secret));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AFinishJobRunTwiceNotifiesOnce(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await using var receiver = await WebhookReceiver.StartAsync();
        var config = Config("""[{"name": "secops", "webhook": "ESTATE_URL"}, {"name": "acme", "webhook": "ACME_URL", "customer": "acme", "minSeverity": "info"}]""");
        var scan = Scan(config);

        for (var run = 0; run < 2; run++)
        {
            await NotifierFor(opened.Store, config, receiver, []).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);
        }

        Assert.Equal(["acme", "estate"], receiver.Received.Select(r => r.Path.Split('/')[0]).Order());
        Assert.Equal(2, (await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public void AWebhookUrlWrittenIntoGuardrailsYamlIsRefused()
    {
        var error = Assert.Throws<ConfigException>(() => Config("""[{"name": "x", "webhook": "https://hooks.slack.com/services/T/B/C", "format": "irc", "customer": "nobody"}]"""));
        Assert.Contains("not an environment variable name", error.Message);
        Assert.Contains("format: 'irc'", error.Message);
        Assert.Contains("no customer 'nobody'", error.Message);
    }
}
