using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>
/// Sends the digest by SMTP (MailKit): one message to the channel's recipient group, with a plain-text
/// and an HTML part. The password comes from the environment and is masked, in every form a server
/// could echo it, out of every error.
/// </summary>
internal sealed class EmailSender(EmailSettings settings, string? password, TimeProvider time) : IDigestSender
{
    /// <summary>A server that stops answering is given up on after this long (MailKit's default is two minutes).</summary>
    public const int TimeoutMilliseconds = 30_000;

    public async Task SendAsync(Digest digest, CancellationToken cancellationToken)
    {
        using var message = Message(digest, settings, time.GetUtcNow());
        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, Security(settings.Tls), cancellationToken);
        if (settings.Username is { } username)
        {
            await client.AuthenticateAsync(username, password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The message: From, the recipient group in To, the digest's title as the subject, text and HTML.</summary>
    public static MimeMessage Message(Digest digest, EmailSettings settings, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = DigestText.Title(digest), Date = date };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.AddRange(settings.To.Select(MailboxAddress.Parse));
        // RFC 3834: an automatic message, to which out-of-office replies are not sent.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = DigestText.Body(digest), HtmlBody = DigestHtml.Body(digest) }.ToMessageBody();
        return message;
    }

    public bool IsTransient(Exception exception) => exception switch
    {
        // 4xx is SMTP's "try again later" (RFC 5321 4.2.1); 5xx is final.
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException => false,
        SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    public string Describe(Exception exception)
    {
        var text = exception is SmtpCommandException command
            ? $"SMTP {(int)command.StatusCode} from {settings.Host}:{settings.Port}: {command.Message}"
            : $"{exception.GetType().Name} at {settings.Host}:{settings.Port}: {exception.Message}";
        if (password is { Length: > 0 })
        {
            text = CredentialRedaction.RedactAllForms(text, password);
        }
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] + "…" : text;
    }

    /// <summary>A server's reply can run long; the store and the report keep the start of it.</summary>
    private const int MaxErrorLength = 500;

    private static SecureSocketOptions Security(string tls) => tls switch
    {
        EmailSettings.ImplicitTls => SecureSocketOptions.SslOnConnect,
        EmailSettings.NoTls => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
