namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Who may use <c>guardrails serve</c>, and as whom. Requests from the machine itself without
/// credentials are the operator's (unless <see cref="TrustLoopback"/> is off, as it must be behind a
/// reverse proxy on the same host); anyone else is a configured user — a bearer token, a basic user
/// or a token of an OpenID Connect issuer — who sees only the customers the user is given. Secrets are
/// named by environment variable or stored as hashes, never written here in clear.
/// </summary>
internal sealed record DashboardSettings
{
    /// <summary>The environment variable holding an operator's bearer token (every customer, the dashboard).</summary>
    public string? BearerTokenVariable { get; init; }

    /// <summary>An operator's basic user name (every customer, the dashboard).</summary>
    public string? BasicUser { get; init; }

    /// <summary>The environment variable holding <see cref="BasicUser"/>'s password.</summary>
    public string? BasicPasswordVariable { get; init; }

    public bool TrustLoopback { get; init; } = true;

    /// <summary>
    /// Host names the server answers to besides localhost, 127.0.0.1, [::1] and the addresses it is
    /// bound to: a request naming any other host is refused, so a rebound DNS name cannot reach it.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public IReadOnlyList<DashboardUser> Users { get; init; } = [];

    public OidcSettings? Oidc { get; init; }

    public bool HasAuthentication => BearerTokenVariable is not null || BasicUser is not null || Users.Count > 0 || Oidc is not null;
}
