namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>One way a channel's digest travels: a webhook or an email. <see cref="Notifier"/> retries, records and isolates it.</summary>
internal interface IDigestSender
{
    /// <summary>One attempt at sending the digest.</summary>
    Task SendAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Whether trying again may succeed: a refused connection or a "try later" reply, not a refused login.</summary>
    bool IsTransient(Exception exception);

    /// <summary>The failure as it may be written to a log and the store: the channel's secret masked in every form.</summary>
    string Describe(Exception exception);
}
