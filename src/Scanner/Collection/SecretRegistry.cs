using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Every secret key and session token the run has held. Whatever leaves the collector as text (a
/// log line, a gap's reason in collection.json) passes through <see cref="Redact"/>: defence in
/// depth behind the clients' own redaction, so no credential reaches a log, a snapshot or a report.
/// </summary>
internal sealed class SecretRegistry
{
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    /// <summary>
    /// Each secret's forms (<see cref="Aws.CredentialRedaction.Forms"/>), longest first, in the order the secrets came:
    /// written once, not again for each of the run's hundreds of secrets on every line it logs.
    /// </summary>
    private readonly List<string[]> _forms = [];

    public void Add(AWSCredentials credentials) =>
        Add(credentials is Aws.AssumedRoleCredentials assumed ? assumed.Current : credentials.GetCredentials());

    public void Add(ImmutableCredentials resolved)
    {
        lock (_secrets)
        {
            foreach (var secret in new[] { resolved.SecretKey, resolved.Token })
            {
                // Short strings would mask ordinary words; real secrets are 40 characters and more.
                if (secret is { Length: >= 16 } && _secrets.Add(secret))
                {
                    _forms.Add(Aws.CredentialRedaction.Forms(secret).ToArray());
                }
            }
        }
    }

    public string Redact(string text)
    {
        lock (_secrets)
        {
            foreach (var forms in _forms)
            {
                foreach (var form in forms)
                {
                    text = text.Replace(form, Aws.CredentialRedaction.Mask, StringComparison.Ordinal);
                }
            }
        }
        return text;
    }
}
