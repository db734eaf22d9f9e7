using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// Masks tag values that look like secrets where a finding is made, so that no output — findings.json, the
/// reports, a customer's report, the findings store, a notification — ever holds one: a report is mailed and
/// shared, and a secret in a tag (what tagging-no-secrets-in-tags finds) must not travel with it. The reader
/// still sees that the tag is there and how long its value was; the rules judge the resource's own tags.
/// </summary>
public static partial class SecretMask
{
    private const string Marker = "••••••";

    public static string Mask(string key, string value) =>
        !value.StartsWith(Marker, StringComparison.Ordinal) && (SecretKey().IsMatch(key) || SecretValue().IsMatch(value))
            ? $"{Marker} (masked: {value.Length} characters that look like a secret)"
            : value;

    /// <summary>
    /// Values shorter than this are left in text: a rule's message quoting "true" or "1" must not be garbled
    /// because a tag named like a secret holds the same short value.
    /// </summary>
    private const int MinimumValueInText = 4;

    /// <summary>
    /// The text (a finding's message or evidence) with every value of <paramref name="tags"/> that is masked
    /// replaced by its mask: a rule that quotes a tag it judged (owner='ghp_…') must not copy a secret into a report.
    /// </summary>
    public static string InText(string text, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (value.Length >= MinimumValueInText && text.Contains(value, StringComparison.Ordinal) && Mask(key, value) is var masked && !ReferenceEquals(masked, value))
            {
                text = text.Replace(value, masked, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>The tags with every secret-looking value masked; the same dictionary when none is.</summary>
    public static IReadOnlyDictionary<string, string> Tags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (!ReferenceEquals(Mask(key, value), value))
            {
                return tags.ToFrozenDictionary(t => t.Key, t => Mask(t.Key, t.Value), StringComparer.Ordinal);
            }
        }
        return tags;
    }

    /// <summary>
    /// Free text (a finding's message, a gap's reason) with every secret-shaped run in it masked: the shapes of
    /// <see cref="SecretValue"/> that can stand inside a sentence, and runs shaped like an AWS secret access key
    /// (40 characters of base64 with upper case, lower case and digits, so that a SHA-1 in hex is left alone).
    /// </summary>
    public static string Text(string text) => SecretRun().Replace(text, Marker);

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*-----[\s\S]*?(-----END [A-Z ]*-----|$)|\bgh[pousr]_[A-Za-z0-9]{36}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretRun();

    [GeneratedRegex(@"secret|passw(or)?d|pwd|token|api[-_ ]?key|private[-_ ]?key|credential|access[-_ ]?key|connection[-_ ]?string", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    /// <summary>
    /// AWS access key ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids),
    /// PEM blocks, GitHub and Slack tokens, JWTs, and long unbroken base64 or hex runs such as secret keys: the shapes
    /// tagging-no-secrets-in-tags looks for.
    /// </summary>
    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN|\bgh[pousr]_[A-Za-z0-9]{36}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.|^[A-Za-z0-9+/=]{32,}$")]
    private static partial Regex SecretValue();
}
