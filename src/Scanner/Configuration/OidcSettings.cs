namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// JWT bearer tokens of an OpenID Connect issuer: signed by a key the issuer publishes (its metadata's
/// jwks_uri), for <see cref="Audience"/>, unexpired; the values of <see cref="CustomersClaim"/> are the
/// customer ids the token's holder may see (<c>*</c>: every customer and the dashboard).
/// </summary>
internal sealed record OidcSettings
{
    public const string DefaultCustomersClaim = "guardrails_customers";

    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    public string CustomersClaim { get; init; } = DefaultCustomersClaim;

    /// <summary>Default: ISSUER/.well-known/openid-configuration.</summary>
    public string? MetadataAddress { get; init; }
}
