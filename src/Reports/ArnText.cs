namespace Ocado.Guardrails.Reports;

/// <summary>
/// The parts of an ARN the report's data shares between findings: the prefix up to the account
/// (<c>arn:aws:sqs:eu-west-1:111111111111:</c>), which many resources have in common, and the name,
/// which messages and Name tags repeat. report.js cuts names the same way.
/// </summary>
internal static class ArnText
{
    /// <summary>arn:partition:service:region:account: is five colons long.</summary>
    private const int PrefixColons = 5;

    public static (string Prefix, string Tail) Split(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return ("", arn);
        }
        var end = -1;
        for (var colons = 0; colons < PrefixColons; colons++)
        {
            end = arn.IndexOf(':', end + 1);
            if (end < 0)
            {
                return ("", arn);
            }
        }
        return (arn[..(end + 1)], arn[(end + 1)..]);
    }

    /// <summary>What follows the ARN's last '/' or, without one, its last ':'; the whole text when neither.</summary>
    public static string Name(string arn)
    {
        var cut = arn.LastIndexOf('/');
        if (cut < 0)
        {
            cut = arn.LastIndexOf(':');
        }
        return arn[(cut + 1)..];
    }
}
