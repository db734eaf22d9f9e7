using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>The access keys the server accepts: the root caller's and every session it issued.</summary>
internal sealed class ServerKeys
{
    /// <summary>AWS's own documentation example keys: recognisable, never real.</summary>
    public const string RootAccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string RootSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly ConcurrentDictionary<string, IssuedKey> _keys = new(StringComparer.Ordinal);

    public ServerKeys(string callerAccount) =>
        _keys[RootAccessKey] = new IssuedKey(RootAccessKey, RootSecretKey, null, callerAccount, $"arn:aws:iam::{callerAccount}:user/auditor");

    public IssuedKey? Find(string accessKey) => _keys.GetValueOrDefault(accessKey);

    /// <summary>Another long-term key of the caller's account (another user of it), as a second profile would hold.</summary>
    public void AddCaller(string accessKey, string secretKey, string callerAccount, string userName) =>
        _keys[accessKey] = new IssuedKey(accessKey, secretKey, null, callerAccount, $"arn:aws:iam::{callerAccount}:user/{userName}");

    /// <summary>A new session in an account, shaped like STS's: ASIA key, 40-character secret, long token.</summary>
    public IssuedKey Issue(string accountId, string roleArn, string sessionName, DateTimeOffset expires)
    {
        var key = new IssuedKey("ASIA" + Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), Random(40, Alphabet), "IQoJb3JpZ2luX2VjE" + Random(300, Alphabet),
            accountId, $"{roleArn.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal)}/{sessionName}", expires);
        _keys[key.AccessKeyId] = key;
        return key;
    }

    /// <summary>Every secret and token the server handed out or holds: what must never appear in the client's output.</summary>
    public IReadOnlyList<string> Secrets() =>
        _keys.Values.SelectMany(k => new[] { k.SecretKey, k.SessionToken }).OfType<string>().ToList();

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static string Random(int length, string alphabet) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
}
