namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Who may use <c>guardrails serve</c> from another machine. Requests from the machine itself are
/// served without credentials (unless <see cref="TrustLoopback"/> is off, as it must be behind a
/// reverse proxy on the same host); a remote request needs a bearer token or basic credentials, and
/// without any configured it gets 401. Secrets are named by environment variable, never written here.
/// </summary>
internal sealed record DashboardSettings
{
    /// <summary>The environment variable holding the bearer token remote clients send.</summary>
    public string? BearerTokenVariable { get; init; }

    public string? BasicUser { get; init; }

    /// <summary>The environment variable holding <see cref="BasicUser"/>'s password.</summary>
    public string? BasicPasswordVariable { get; init; }

    public bool TrustLoopback { get; init; } = true;

    public bool HasAuthentication => BearerTokenVariable is not null || BasicUser is not null;
}
