using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Some AWS error messages quote the canonical request, session token included (SigV4 mismatch
/// answers do): the secret parts of the credentials are cut out of every message before it can
/// reach a log or a file, and a message is cut to its first line.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
/// </summary>
internal static class CredentialRedaction
{
    public const string Mask = "***";

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
                    message = message.Replace(secret, Mask, StringComparison.Ordinal);
                }
            }
        }
        var cut = message.IndexOfAny(['\n', '\r']);
        message = cut >= 0 ? message[..cut] : message;
        return message.Length > 300 ? message[..300] + "..." : message;
    }
}
