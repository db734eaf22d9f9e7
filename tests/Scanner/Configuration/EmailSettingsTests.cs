using Ocado.Guardrails.Scanner.Configuration;
using static Ocado.Guardrails.Tests.Scanner.Notifications.NotificationScans;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>An email channel's settings, read and checked when guardrails.yaml is: every mistake listed at once.</summary>
public sealed class EmailSettingsTests
{
    [Fact]
    public void AnEmailChannelIsReadWithTheDefaultsOfItsTlsMode()
    {
        var config = Config("""
            [{"name": "mail", "customer": "acme", "minSeverity": "medium",
              "email": {"host": "smtp.example.com", "from": "guardrails@example.com", "to": "ops@acme.example", "username": "guardrails", "passwordVariable": "SMTP_PASSWORD"}},
             {"name": "relay", "email": {"host": "localhost", "tls": "none", "from": "g@example.com", "to": ["a@example.com", "b@example.com"], "username": "u", "passwordVariable": "P"}},
             {"name": "implicit", "email": {"host": "10.0.0.5", "tls": "implicit", "from": "g@example.com", "to": ["a@example.com"]}}]
            """);

        var (mail, relay, implicitTls) = (config.Notifications.Channels[0], config.Notifications.Channels[1].Email!, config.Notifications.Channels[2].Email!);
        Assert.Null(mail.WebhookVariable);
        Assert.Equal("acme", mail.Customer);
        Assert.Equal(("smtp.example.com", 587, "starttls", "SMTP_PASSWORD"), (mail.Email!.Host, mail.Email.Port, mail.Email.Tls, mail.Email.PasswordVariable));
        Assert.Equal(["ops@acme.example"], mail.Email.To);
        Assert.Equal(25, relay.Port);
        Assert.Equal(["a@example.com", "b@example.com"], relay.To);
        Assert.Equal(465, implicitTls.Port);
    }

    [Fact]
    public void EveryMistakeOfAnEmailChannelIsListedAtOnceAndAPasswordWrittenInPlaceOfItsVariableIsNotEchoed()
    {
        var error = Assert.Throws<ConfigException>(() => Config("""
            [{"name": "a", "format": "slack", "email": {"host": "smtp example", "port": 70000, "tls": "ssl", "from": "not-an-address",
               "to": ["ok@example.com", "Eve <eve@example.com>", "x@example.com\r\nBcc: all@example.com"], "username": "u", "passwordVariable": "hunter2!secret", "cc": "c@example.com"}},
             {"name": "b", "webhook": "HOOK", "email": {"host": "smtp.example.com", "from": "g@example.com", "to": []}},
             {"name": "c", "email": {"host": "mail.example.com", "tls": "none", "from": "g@example.com", "to": ["a@example.com"], "username": "u", "passwordVariable": "P"}},
             {"name": "d", "email": {"host": "mail.example.com", "from": "g@example.com", "to": ["a@example.com"], "username": "u"}},
             {"name": "e"}]
            """));

        string[] expected =
        [
            "notifications.channels[0].email.cc: unknown setting",
            "notifications.channels[0].email.tls: 'ssl' is not one of starttls, implicit, none",
            "notifications.channels[0].email.port: '70000' is not a TCP port",
            "notifications.channels[0].email.host: 'smtp example' is not a host name",
            "notifications.channels[0].email.from: 'not-an-address' is not an email address",
            "notifications.channels[0].email.to: 'Eve <eve@example.com>' is not an email address",
            "notifications.channels[0].email.passwordVariable: is not an environment variable name",
            "notifications.channels[0].format: an email is sent as plain text and HTML",
            "notifications.channels[1]: a channel is either a webhook",
            "notifications.channels[1].email.to: the channel needs at least one recipient",
            "notifications.channels[2].email.tls: none would send the password in clear to mail.example.com",
            "notifications.channels[3].email: username and passwordVariable go together",
            "notifications.channels[4]: a channel is either a webhook",
        ];
        Assert.All(expected, line => Assert.Contains(line, error.Message));
        Assert.Contains("Bcc: all@example.com' is not an email address", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
