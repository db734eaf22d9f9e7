using Bogus;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Resource ids shaped as AWS makes them, drawn from the account's seeded randomizer. Characters come from one
/// <c>Bytes</c> call per id: Bogus takes a process-wide lock on every call, and ids are the bulk of the draws.
/// </summary>
internal static class AwsIds
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>EC2's long ids: vpc-0a1b2c3d4e5f60718.</summary>
    public static string Ec2(Randomizer random, string prefix) => $"{prefix}-0{Convert.ToHexStringLower(random.Bytes(8))}";

    /// <summary>IAM unique ids: AIDA (user), AROA (role), AGPA (group), ANPA (policy) and 17 characters.</summary>
    public static string Iam(Randomizer random, string prefix) => prefix + Chars(random, 17, Base32);

    public static string Upper(Randomizer random, int length) => Chars(random, length, Base32);

    public static string Lower(Randomizer random, int length) => Chars(random, length, LowerAlphanumeric);

    /// <summary>Hexadecimal digits, lower case: S3 canonical user ids are 64 of them.</summary>
    public static string Hex(Randomizer random, int bytes) => Convert.ToHexStringLower(random.Bytes(bytes));

    public static string Uuid(Randomizer random) => random.Guid().ToString();

    /// <summary>A public IPv4 address in a range AWS uses in Europe.</summary>
    public static string PublicIp(Randomizer random) =>
        $"{random.ArrayElement(new[] { 3, 18, 34, 52, 54 })}.{random.Int(64, 254)}.{random.Int(0, 255)}.{random.Int(1, 254)}";

    private static string Chars(Randomizer random, int length, string alphabet)
    {
        var bytes = random.Bytes(length);
        return string.Create(length, (bytes, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.bytes[i] % state.alphabet.Length];
            }
        });
    }
}
