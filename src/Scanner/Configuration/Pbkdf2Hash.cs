using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// A password stored as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64 salt and hash), so that
/// guardrails.yaml can hold it: a slow hash, because a password, unlike a random token, is short
/// enough to guess. Make one with <c>guardrails serve --hash-password</c>.
/// </summary>
internal sealed record Pbkdf2Hash(int Iterations, byte[] Salt, byte[] Hash)
{
    private const string Prefix = "pbkdf2-sha256";

    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256 (2023): https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Below this, a stolen guardrails.yaml gives its passwords away too cheaply.</summary>
    public const int MinimumIterations = 100_000;

    public static bool TryParse(string text, [NotNullWhen(true)] out Pbkdf2Hash? hash)
    {
        hash = null;
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], out var iterations) || iterations < MinimumIterations)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var value = Convert.FromBase64String(parts[3]);
            if (salt.Length < 16 || value.Length != 32)
            {
                return false;
            }
            hash = new Pbkdf2Hash(iterations, salt, value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Create(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Salt, Iterations, HashAlgorithmName.SHA256, Hash.Length), Hash);
}
