using MimeKit;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Notifications;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Notifications.NotificationScans;

namespace Ocado.Guardrails.Tests.Scanner.Notifications;

/// <summary>Digests mailed through a real SMTP server on loopback: content of both parts, scoping per customer, escaping, masking, retry, failures recorded, at most once.</summary>
public sealed class EmailNotifierTests
{
    private const string Password = "Pa55-w0rd!sm7p";

    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private static string Channel(int port, string extra = "", string login = """, "username": "guardrails", "passwordVariable": "SMTP_PASSWORD" """) =>
        $$"""{"name": "mail", "email": {"host": "127.0.0.1", "port": {{port}}, "tls": "none", "from": "guardrails@ocado.example", "to": ["secops@ocado.example", "cloud@ocado.example"]{{login}}}{{extra}}}""";

    private static Notifier NotifierFor(IFindingsStore store, GuardrailsConfig config, List<string> warnings, string? password = Password) =>
        new(store, config, new HttpClient(), TimeProvider.System, name => name == "SMTP_PASSWORD" ? password : null, warnings.Add) { RetryDelay = TimeSpan.FromMilliseconds(1) };

    private static string Text(MimeMessage message) => message.TextBody ?? throw new InvalidOperationException("no text part");

    private static string Html(MimeMessage message) => message.HtmlBody ?? throw new InvalidOperationException("no HTML part");

    [Fact]
    public async Task TheDigestIsOneMessageToTheRecipientGroupWithTheSubjectATextAndAnHtmlPart()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var smtp = await SmtpReceiver.StartAsync(login: ("guardrails", Password));
        var config = Config($"[{Channel(smtp.Port, """, "minSeverity": "high" """)}]");

        await NotifierFor(opened.Store, config, []).NotifyAsync(Scan(config), ScanRecord.WholeEstate, "https://guardrails.example/reports/x/report.html", TestContext.Current.CancellationToken);

        var (message, recipients) = Assert.Single(smtp.Received);
        Assert.Equal(("guardrails", Password), Assert.Single(smtp.Logins));
        Assert.Equal(["secops@ocado.example", "cloud@ocado.example"], recipients);
        Assert.Equal(["secops@ocado.example", "cloud@ocado.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("guardrails@ocado.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Guardrails audit 20261101T020000Z-estate of the estate", message.Subject);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        var text = Text(message);
        Assert.Contains("New failures (2):", text);
        Assert.Contains($"[Critical] storage-public-bucket arn:aws:s3:::storage-public-bucket-{Globex}", text);
        Assert.DoesNotContain("tagging-required-tags arn", text);
        Assert.Contains("Quotas forecast to run out (1):", text);
        Assert.Contains("Waivers expiring soon (1):", text);
        Assert.Contains("New coverage gaps (1):", text);
        var html = Html(message);
        Assert.Contains("<h2 style=\"font-size: 15px; margin-bottom: 4px;\">New failures (2)</h2>", html);
        Assert.Contains($"<li>[Critical] storage-public-bucket arn:aws:s3:::storage-public-bucket-{Acme} (account {Acme}): storage-public-bucket on a bucket of {Acme}</li>", html);
        Assert.Contains("<a href=\"https://guardrails.example/reports/x/report.html\">Open the report</a>", html);
        var delivery = Assert.Single(await opened.Store.DeliveriesAsync("20261101T020000Z-estate", TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Delivered, 1), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task ACustomersEmailChannelReceivesOnlyItsCustomersFindingsInBothParts()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var smtp = await SmtpReceiver.StartAsync();
        var config = Config($"[{Channel(smtp.Port, """, "customer": "acme", "minSeverity": "low" """, login: "")}]");

        await NotifierFor(opened.Store, config, []).NotifyAsync(Scan(config), ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        var (message, _) = Assert.Single(smtp.Received);
        Assert.EndsWith("of acme", message.Subject);
        foreach (var part in new[] { Text(message), Html(message) })
        {
            Assert.Contains(Acme, part);
            Assert.Contains("tagging-required-tags", part);
            Assert.DoesNotContain(Globex, part);
            Assert.DoesNotContain("New coverage gaps", part);
        }
    }

    [Fact]
    public async Task UntrustedTextIsEscapedInTheHtmlPartAndSecretShapedValuesAreMaskedInBoth()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var smtp = await SmtpReceiver.StartAsync();
        var config = Config($"[{Channel(smtp.Port, login: "")}]");
        const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
        const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var hostile = Finding("tagging-no-secrets-in-tags", Acme, Severity.Critical) with
        {
            Message = $"""tag Owner="<script>alert(1)</script><img src=x onerror=alert(2)>" & tag Key={AccessKey} Secret={SecretKey}""",
        };
        var scan = Scan(config) with { Findings = [hostile] };

        await NotifierFor(opened.Store, config, []).NotifyAsync(scan, ScanRecord.WholeEstate, "javascript:alert(3)", TestContext.Current.CancellationToken);

        var (message, _) = Assert.Single(smtp.Received);
        var html = Html(message);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("&quot; &amp; tag", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        foreach (var part in new[] { Text(message), Html(message), message.Subject })
        {
            Assert.DoesNotContain(AccessKey, part);
            Assert.DoesNotContain(SecretKey, part);
        }
        Assert.Contains("tag Key=•••••• Secret=••••••", Text(message));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AServerThatDefersTwiceIsRetriedAndTheDeliveryRecordedAfterThreeAttempts(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await using var smtp = await SmtpReceiver.StartAsync(failFirst: 2, login: ("guardrails", Password));
        var config = Config($"[{Channel(smtp.Port)}]");
        var scan = Scan(config);

        await NotifierFor(opened.Store, config, []).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        Assert.Equal(3, smtp.Transactions);
        Assert.Single(smtp.Received);
        var delivery = Assert.Single(await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Delivered, 3, null), (delivery.Status, delivery.Attempts, delivery.Error));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AServerThatRefusesEveryConnectionIsRecordedAsAFailedDeliveryWithoutThePasswordAndNeverThrows(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var config = Config($"[{Channel(SmtpReceiver.FreePort())}]");
        var scan = Scan(config);
        var warnings = new List<string>();

        await NotifierFor(opened.Store, config, warnings).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        var delivery = Assert.Single(await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Failed, 3), (delivery.Status, delivery.Attempts));
        Assert.Contains("SocketException at 127.0.0.1", delivery.Error);
        Assert.Contains("refused", delivery.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("failed after 3 attempt(s)", Assert.Single(warnings));
    }

    [Fact]
    public async Task AWrongPasswordIsNotRetriedAndNoFormOfItReachesTheStoreOrTheLog()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var smtp = await SmtpReceiver.StartAsync(login: ("guardrails", "the-right-one"));
        var config = Config($"[{Channel(smtp.Port)}]");
        var scan = Scan(config);
        var warnings = new List<string>();

        await NotifierFor(opened.Store, config, warnings).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        // MailKit tries each mechanism the server offers (PLAIN, LOGIN) within the one attempt.
        Assert.All(smtp.Logins, login => Assert.Equal(("guardrails", Password), login));
        Assert.Empty(smtp.Received);
        var delivery = Assert.Single(await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Failed, 1), (delivery.Status, delivery.Attempts));
        Assert.Contains("AuthenticationException", delivery.Error);
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password));
        Assert.All(warnings.Append(delivery.Error!), m =>
        {
            Assert.DoesNotContain(Password, m);
            Assert.DoesNotContain(base64, m);
        });
        var echoed = new EmailSender(config.Notifications.Channels[0].Email!, Password, TimeProvider.System)
            .Describe(new IOException($"server said: AUTH PLAIN {base64} / {Password} / {Uri.EscapeDataString(Password)}"));
        Assert.Equal("IOException at 127.0.0.1:" + smtp.Port + ": server said: AUTH PLAIN *** / *** / ***", echoed);
    }

    [Fact]
    public async Task AnUnsetPasswordVariableIsAFailedDeliveryThatNamesTheVariableAndSendsNothing()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await using var smtp = await SmtpReceiver.StartAsync(login: ("guardrails", Password));
        var config = Config($"[{Channel(smtp.Port)}]");
        var scan = Scan(config);

        await NotifierFor(opened.Store, config, [], password: null).NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);

        Assert.Equal(0, smtp.Transactions);
        var delivery = Assert.Single(await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken));
        Assert.Equal((Delivery.Failed, 0), (delivery.Status, delivery.Attempts));
        Assert.Contains("SMTP_PASSWORD (the SMTP password) is not set", delivery.Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AFinishRunTwiceMailsOnceWhileAWebhookChannelBesideItIsStillServed(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await using var smtp = await SmtpReceiver.StartAsync(login: ("guardrails", Password));
        await using var receiver = await WebhookReceiver.StartAsync();
        var config = Config($$"""[{{Channel(smtp.Port)}}, {"name": "hook", "webhook": "HOOK_URL"}]""");
        var scan = Scan(config);
        var notifier = new Notifier(opened.Store, config, new HttpClient(), TimeProvider.System,
            name => name switch { "SMTP_PASSWORD" => Password, "HOOK_URL" => receiver.Url("hook"), _ => null }, _ => { });

        for (var run = 0; run < 2; run++)
        {
            await notifier.NotifyAsync(scan, ScanRecord.WholeEstate, "https://r/x", TestContext.Current.CancellationToken);
        }

        Assert.Single(smtp.Received);
        Assert.Single(receiver.Received);
        Assert.Equal(["hook", "mail"], (await opened.Store.DeliveriesAsync(scan.ScanId, TestContext.Current.CancellationToken)).Select(d => d.Channel));
    }
}
