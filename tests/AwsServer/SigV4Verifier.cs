using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Checks a request's Signature Version 4 the way AWS does: rebuilds the canonical request from what
/// arrived, derives the signing key from the secret the server issued for the access key, and
/// compares. Written from AWS's description, independently of the SDK that signs:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// </summary>
internal static partial class SigV4Verifier
{
    /// <summary>AWS refuses a request signed more than 15 minutes away from its clock.</summary>
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    /// <summary>The signer's scope, or the error AWS would answer (code, message, for the canonical string when it mismatched).</summary>
    public static SigV4Result Verify(SignedRequest request, Func<string, IssuedKey?> keys, DateTimeOffset now)
    {
        var match = AuthorizationPattern().Match(request.Header("authorization") ?? "");
        if (!match.Success)
        {
            return SigV4Result.Fail("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        var (accessKey, date, region, service, signedHeaders, signature) =
            (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value, match.Groups[5].Value, match.Groups[6].Value);
        var key = keys(accessKey);
        if (key is null)
        {
            return SigV4Result.Fail("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (key.SessionToken is not null && request.Header("x-amz-security-token") != key.SessionToken)
        {
            return SigV4Result.Fail("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        var amzDate = request.Header("x-amz-date") ?? "";
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return SigV4Result.Fail("IncompleteSignature", "Date must be in ISO-8601 'basic format'.");
        }
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return SigV4Result.Fail("SignatureDoesNotMatch", $"Signature expired: {amzDate} is now earlier than {now.Subtract(MaxSkew):yyyyMMdd'T'HHmmss'Z'}");
        }
        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host") || !headerNames.Contains("x-amz-date"))
        {
            return SigV4Result.Fail("IncompleteSignature", "The host and x-amz-date headers must be signed.");
        }
        var payloadHash = Hex(SHA256.HashData(request.Body));
        if (request.Header("x-amz-content-sha256") is { } declared && declared != payloadHash)
        {
            return SigV4Result.Fail("SignatureDoesNotMatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(CanonicalPath(request.Path)).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in headerNames)
        {
            canonical.Append(name).Append(':').Append(Collapse(request.Header(name) ?? "")).Append('\n');
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + key.SecretKey), date), region), service), "aws4_request");
        var expected = Hex(Hmac(signingKey, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            // AWS quotes the canonical string in this answer, token and all: the client must keep it out of its logs.
            return SigV4Result.Fail("SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
                $"Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n");
        }
        return SigV4Result.Ok(key, region, service);
    }

    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));

    private static string CanonicalQuery(string query)
    {
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    private static string Collapse(string value) => MultipleSpaces().Replace(value.Trim(), " ");

    [GeneratedRegex(" {2,}")]
    private static partial Regex MultipleSpaces();

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
