namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// A user of <c>guardrails serve</c> and the customers whose reports the user may read. A user given
/// <see cref="AllCustomers"/> is an operator: every report, the dashboard and the estate's reports.
/// The user signs in with a bearer token or, under <see cref="Name"/>, a basic password; each secret
/// is an environment variable's name or a hash (a token's SHA-256, a password's PBKDF2).
/// </summary>
internal sealed record DashboardUser
{
    public const string AllCustomers = "*";

    public required string Name { get; init; }

    public required IReadOnlyList<string> Customers { get; init; }

    public string? BearerTokenVariable { get; init; }

    /// <summary>Lower-case hex SHA-256 of the token: enough for a long random token, which no one can guess from it.</summary>
    public string? BearerTokenSha256 { get; init; }

    public string? PasswordVariable { get; init; }

    /// <summary><c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64): a password is short enough to guess from a fast hash.</summary>
    public string? PasswordPbkdf2 { get; init; }

    public bool IsOperator => Customers.Contains(AllCustomers);
}
