using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServer.ComponentModel;

namespace Ocado.Guardrails.Tests.Scanner.Notifications;

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1: keeps each message with its envelope
/// recipients, answers the first transactions "451 try again later" when asked, checks a login when
/// given one, and can hold its final reply to a message it has kept, as a slow server does, so that a
/// test can kill the sender mid-send.
/// </summary>
internal sealed class SmtpReceiver : IMessageStore, IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _hold;
    private int _failuresLeft;

    private SmtpReceiver(int port, int failFirst, (string User, string Password)? login, bool hold)
    {
        Port = port;
        _failuresLeft = failFirst;
        _hold = hold;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(true).AuthenticationRequired(login is not null))
            .Build();
        var services = new ServiceProvider();
        services.Add(this);
        if (login is { } expected)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) =>
            {
                Logins.Enqueue((user, password));
                return user == expected.User && password == expected.Password;
            }));
        }
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public int Port { get; }

    /// <summary>Every message kept, with the envelope's recipients (RCPT TO), in the order received.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> Recipients)> Received { get; } = new();

    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();

    /// <summary>Messages the client finished sending (DATA), refused ones included.</summary>
    public int Transactions;

    /// <summary>Completes when a message is kept (with <c>hold</c>: the server then says nothing until released).</summary>
    public TaskCompletionSource FirstKept { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<SmtpReceiver> StartAsync(int failFirst = 0, (string User, string Password)? login = null, bool hold = false)
    {
        var receiver = new SmtpReceiver(FreePort(), failFirst, login, hold);
        // The listener starts on the server's own task: wait until it answers.
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, receiver.Port, TestContext.Current.CancellationToken);
                return receiver;
            }
            catch (SocketException) when (tries < 100)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>A loopback port nothing listens on (bound and let go at once): a server that refuses every connection.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Transactions);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later");
        }
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        Received.Enqueue((message, [.. transaction.To.Select(m => $"{m.User}@{m.Host}")]));
        FirstKept.TrySetResult();
        if (_hold)
        {
            await _release.Task;
        }
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        _server.Shutdown();
        await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(10)));
    }
}
