using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// An endpoint that echoes the session token (SigV4 mismatch answers quote the canonical request) may send it
/// URL-encoded, JSON-escaped or base64: every form is masked where the message is made, before any log or file.
/// </summary>
public sealed class CredentialEncodingTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLE=KEY";
    private const string Token = "FwoGZXIvYXdzEJr//////////wEaDH+QmF8/Zq1a2b3c4d5e6f7g8h9i0j+k=/lmnopqrstuvwxyz==";

    public static TheoryData<string, string> EchoedForms() => new()
    {
        { "as sent", Token },
        { "URL-encoded", Uri.EscapeDataString(Token) },
        { "URL-encoded in lower-case hex", Uri.EscapeDataString(Token).Replace("%2F", "%2f", StringComparison.Ordinal).Replace("%2B", "%2b", StringComparison.Ordinal).Replace("%3D", "%3d", StringComparison.Ordinal) },
        { "form-encoded", WebUtility.UrlEncode(Token) },
        { "JSON-escaped", JsonSerializer.Serialize(Token)[1..^1] },
        { "base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)) },
    };

    [Theory]
    [MemberData(nameof(EchoedForms))]
    public void AnErrorMessageEchoingTheTokenInAnyFormKeepsNoneOfIt(string form, string echoed)
    {
        var credentials = new SessionAWSCredentials("ASIAEXAMPLEEXAMPLE00", SecretKey, Token);
        var message = $"The request signature we calculated does not match ({form}): X-Amz-Security-Token={echoed}&X-Amz-Date=20261205T000000Z";

        var redacted = CredentialRedaction.Redact(message, credentials);

        Assert.DoesNotContain(echoed, redacted, StringComparison.Ordinal);
        Assert.Contains(CredentialRedaction.Mask, redacted, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Date=20261205T000000Z", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EchoedForms))]
    public void TheCollectionsSecretRegistryMasksEveryFormOfEveryTokenItHeld(string form, string echoed)
    {
        var registry = new SecretRegistry();
        registry.Add(new ImmutableCredentials("ASIAEXAMPLEEXAMPLE00", SecretKey, Token));

        var redacted = registry.Redact($"AccessDenied ({form}) for token {echoed} in account 111111111111");

        Assert.DoesNotContain(echoed, redacted, StringComparison.Ordinal);
        Assert.EndsWith("in account 111111111111", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSecretKeyIsMaskedInItsEncodedFormsToo()
    {
        var registry = new SecretRegistry();
        registry.Add(new ImmutableCredentials("AKIAEXAMPLEEXAMPLE00", SecretKey, null));

        var redacted = registry.Redact($"{Uri.EscapeDataString(SecretKey)} {Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretKey))} {JsonSerializer.Serialize(SecretKey)}");

        Assert.DoesNotContain("EXAMPLE", redacted, StringComparison.Ordinal);
    }
}
