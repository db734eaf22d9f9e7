using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The bearer tokens and basic passwords of dashboard: in guardrails.yaml, resolved once at start
/// (environment variables read, hashes parsed), and only their hashes kept in memory.
/// </summary>
internal sealed class ServeCredentials
{
    private readonly List<(byte[] Sha256, ServeIdentity Identity)> _tokens = [];
    private readonly Dictionary<string, (Func<string, bool> Matches, ServeIdentity Identity)> _passwords = new(StringComparer.Ordinal);

    /// <summary>PBKDF2 takes ~0.3 s a try: a password once verified is then checked by its SHA-256, or every dashboard poll would cost that.</summary>
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    public ServeCredentials(DashboardSettings settings)
    {
        string[] all = [DashboardUser.AllCustomers];
        if (settings.BearerTokenVariable is { } tokenVariable)
        {
            _tokens.Add((Sha256(Secret(tokenVariable)), ServeIdentity.For("bearer", ServeCredential.Bearer, all)));
        }
        if (settings.BasicUser is { } basicUser && settings.BasicPasswordVariable is { } passwordVariable)
        {
            var hash = Sha256(Secret(passwordVariable));
            _passwords[basicUser] = (p => Same(Sha256(p), hash), ServeIdentity.For(basicUser, ServeCredential.Basic, all));
        }
        foreach (var user in settings.Users)
        {
            if ((user.BearerTokenVariable is { } variable ? Sha256(Secret(variable)) : user.BearerTokenSha256 is { } hex ? Convert.FromHexString(hex) : null) is { } token)
            {
                _tokens.Add((token, ServeIdentity.For(user.Name, ServeCredential.Bearer, user.Customers)));
            }
            var identity = ServeIdentity.For(user.Name, ServeCredential.Basic, user.Customers);
            if (user.PasswordVariable is { } pv)
            {
                var hash = Sha256(Secret(pv));
                _passwords[user.Name] = (p => Same(Sha256(p), hash), identity);
            }
            else if (user.PasswordPbkdf2 is { } stored && Pbkdf2Hash.TryParse(stored, out var pbkdf2))
            {
                _passwords[user.Name] = (p => Verified(user.Name, p, pbkdf2), identity);
            }
        }
    }

    public bool HasTokens => _tokens.Count > 0;

    public bool HasPasswords => _passwords.Count > 0;

    /// <summary>The identity of a static bearer token or basic pair, or null (a JWT is not this class's to judge).</summary>
    public ServeIdentity? Authenticate(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var given = Sha256(header[7..].Trim());
            // Every token is compared, in constant time, so that the time taken does not say which one came close.
            ServeIdentity? found = null;
            foreach (var (token, identity) in _tokens)
            {
                found = Same(given, token) ? identity : found;
            }
            return found;
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string pair;
            try
            {
                pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && _passwords.TryGetValue(pair[..colon], out var entry) && entry.Matches(pair[(colon + 1)..]) ? entry.Identity : null;
        }
        return null;
    }

    private bool Verified(string user, string password, Pbkdf2Hash stored)
    {
        var quick = Sha256(password);
        if (_verified.TryGetValue(user, out var known) && Same(quick, known))
        {
            return true;
        }
        if (!stored.Matches(password))
        {
            return false;
        }
        _verified[user] = quick;
        return true;
    }

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    /// <summary>The secret an environment variable holds; its name is in guardrails.yaml, its value never is, nor in any message.</summary>
    private static string Secret(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"guardrails.yaml's dashboard names the environment variable {variable}, which is not set")
            : value;
    }
}
