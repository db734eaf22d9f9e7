using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Some AWS error messages quote the canonical request, session token included (SigV4 mismatch
/// answers do): the secret parts of the credentials are cut out of every message before it can
/// reach a log or a file, and a message is cut to its first line.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
/// </summary>
internal static partial class CredentialRedaction
{
    public const string Mask = "***";

    /// <summary>
    /// The forms a secret takes when an endpoint echoes it: as sent, URL-encoded (either case of hex, '+' or %20
    /// for a space), JSON-escaped (the default encoder escapes '+', '/' stays), and base64. Each is masked.
    /// </summary>
    public static IEnumerable<string> Forms(string secret)
    {
        var escaped = Uri.EscapeDataString(secret);
        string[] forms =
        [
            secret,
            escaped,
            PercentHex().Replace(escaped, m => m.Value.ToLowerInvariant()),
            System.Net.WebUtility.UrlEncode(secret),
            System.Text.Json.JsonEncodedText.Encode(secret).ToString(),
            System.Text.Json.JsonEncodedText.Encode(secret, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)),
        ];
        return forms.Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length);
    }

    /// <summary>The text with every form of the secret masked.</summary>
    public static string RedactAllForms(string text, string secret)
    {
        foreach (var form in Forms(secret))
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    [System.Text.RegularExpressions.GeneratedRegex("%[0-9A-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex PercentHex();

    public static string Redact(string? message, AWSCredentials? credentials)
    {
        message ??= "";
        // Never a renewal just to mask a message: the session in hand is the one that signed.
        var resolved = credentials is AssumedRoleCredentials assumed ? assumed.Current : credentials?.GetCredentials();
        if (resolved is not null)
        {
            foreach (var secret in new[] { resolved.SecretKey, resolved.Token })
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    message = RedactAllForms(message, secret);
                }
            }
        }
        var cut = message.IndexOfAny(['\n', '\r']);
        message = cut >= 0 ? message[..cut] : message;
        return message.Length > 300 ? message[..300] + "..." : message;
    }
}
