using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Masks tag values that look like secrets before they reach the page: a report is mailed and
/// shared, and a secret in a tag (what tagging-no-secrets-in-tags finds) must not travel with it.
/// The reader still sees that the tag is there and how long its value is.
/// </summary>
internal static partial class TagMask
{
    public static string Mask(string key, string value) =>
        SecretKey().IsMatch(key) || SecretValue().IsMatch(value)
            ? $"•••••• (masked: {value.Length} characters that look like a secret)"
            : value;

    [GeneratedRegex(@"secret|passw(or)?d|pwd|token|api[-_ ]?key|private[-_ ]?key|credential|access[-_ ]?key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    /// <summary>
    /// AWS access key ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids),
    /// PEM blocks, and long unbroken base64 or hex runs such as secret keys and tokens.
    /// </summary>
    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN|^[A-Za-z0-9+/=]{32,}$")]
    private static partial Regex SecretValue();
}
