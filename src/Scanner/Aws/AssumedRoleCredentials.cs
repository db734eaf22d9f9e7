using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// An assumed role's credentials that outlive its session: the role is assumed again when the
/// session is within <see cref="RenewBefore"/> of its expiration (an hour after AssumeRole), so a
/// long collection or a long-running worker never signs with an expired token. One renewal at a
/// time; callers that arrive meanwhile get the renewed session.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html
/// </summary>
internal sealed class AssumedRoleCredentials : AWSCredentials
{
    /// <summary>Margin before the expiration: a request signed now may still be retried for minutes.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<AssumedSession>> _assume;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<AssumedSession>? _renewal;
    private AssumedSession _session;

    private AssumedRoleCredentials(AssumedSession session, Func<CancellationToken, Task<AssumedSession>> assume, TimeProvider time) =>
        (_session, _assume, _time) = (session, assume, time);

    /// <summary>
    /// Assumes the role now (its failure is the caller's), and again whenever the session is about to
    /// expire (a renewal that fails fails the request that needed it, which becomes a coverage gap).
    /// </summary>
    public static async Task<AssumedRoleCredentials> AssumeAsync(Func<CancellationToken, Task<AssumedSession>> assume, TimeProvider time, CancellationToken cancellationToken) =>
        new(await assume(cancellationToken), assume, time);

    /// <summary>The current session's credentials, without renewing: for masking them in a message.</summary>
    public ImmutableCredentials Current => Volatile.Read(ref _session).Credentials;

    public override DateTime? Expiration => Volatile.Read(ref _session).Expires.UtcDateTime;

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var session = Volatile.Read(ref _session);
        if (Fresh(session))
        {
            return session.Credentials;
        }
        Task<AssumedSession> renewal;
        lock (_gate)
        {
            session = _session;
            if (Fresh(session))
            {
                return session.Credentials;
            }
            // One renewal at a time; a failed one is tried again by the next caller.
            if (_renewal is null || _renewal.IsCompleted)
            {
                _renewal = RenewAsync();
            }
            renewal = _renewal;
        }
        return (await renewal).Credentials;
    }

    private async Task<AssumedSession> RenewAsync()
    {
        // The SDK's credentials API takes no token; the STS call is bounded by its own timeout and retries.
        var session = await _assume(CancellationToken.None);
        Volatile.Write(ref _session, session);
        return session;
    }

    private bool Fresh(AssumedSession session) => _time.GetUtcNow() < session.Expires - RenewBefore;
}
