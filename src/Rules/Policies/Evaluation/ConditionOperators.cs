using System.Globalization;
using System.Net;

namespace Ocado.Guardrails.Rules.Policies;

internal enum OperatorKind
{
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

/// <summary>A base condition operator: its kind, whether it negates, and for Numeric and Date the comparison.</summary>
internal readonly record struct ConditionOperator(OperatorKind Kind, bool Negated, string Comparison = "Equals");

/// <summary>
/// Every condition operator IAM documents, and how each compares one policy value with one request value.
/// Policy variables are substituted in the String and Arn operators only, as IAM does.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// </summary>
internal static class ConditionOperators
{
    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StringEquals"] = new(OperatorKind.StringEquals, false),
        ["StringNotEquals"] = new(OperatorKind.StringEquals, true),
        ["StringEqualsIgnoreCase"] = new(OperatorKind.StringEqualsIgnoreCase, false),
        ["StringNotEqualsIgnoreCase"] = new(OperatorKind.StringEqualsIgnoreCase, true),
        ["StringLike"] = new(OperatorKind.StringLike, false),
        ["StringNotLike"] = new(OperatorKind.StringLike, true),
        ["NumericEquals"] = new(OperatorKind.Numeric, false),
        ["NumericNotEquals"] = new(OperatorKind.Numeric, true),
        ["NumericLessThan"] = new(OperatorKind.Numeric, false, "LessThan"),
        ["NumericLessThanEquals"] = new(OperatorKind.Numeric, false, "LessThanEquals"),
        ["NumericGreaterThan"] = new(OperatorKind.Numeric, false, "GreaterThan"),
        ["NumericGreaterThanEquals"] = new(OperatorKind.Numeric, false, "GreaterThanEquals"),
        ["DateEquals"] = new(OperatorKind.Date, false),
        ["DateNotEquals"] = new(OperatorKind.Date, true),
        ["DateLessThan"] = new(OperatorKind.Date, false, "LessThan"),
        ["DateLessThanEquals"] = new(OperatorKind.Date, false, "LessThanEquals"),
        ["DateGreaterThan"] = new(OperatorKind.Date, false, "GreaterThan"),
        ["DateGreaterThanEquals"] = new(OperatorKind.Date, false, "GreaterThanEquals"),
        ["Bool"] = new(OperatorKind.Bool, false),
        ["BinaryEquals"] = new(OperatorKind.Binary, false),
        ["IpAddress"] = new(OperatorKind.IpAddress, false),
        ["NotIpAddress"] = new(OperatorKind.IpAddress, true),
        // ArnEquals and ArnLike are the same test: six segments, each with * and ? wildcards.
        ["ArnEquals"] = new(OperatorKind.Arn, false),
        ["ArnLike"] = new(OperatorKind.Arn, false),
        ["ArnNotEquals"] = new(OperatorKind.Arn, true),
        ["ArnNotLike"] = new(OperatorKind.Arn, true),
        ["Null"] = new(OperatorKind.Null, false),
    };

    /// <summary>The operator (without set qualifier and IfExists), or null when IAM has no such operator.</summary>
    public static ConditionOperator? Find(string baseOperator) => Operators.TryGetValue(baseOperator, out var op) ? op : null;

    /// <summary>Whether the request value matches the policy value, ignoring negation; null when a value does not parse.</summary>
    public static bool? Compare(ConditionOperator op, string policyValue, string requestValue, RequestContext request)
    {
        switch (op.Kind)
        {
            case OperatorKind.StringEquals or OperatorKind.StringEqualsIgnoreCase or OperatorKind.StringLike or OperatorKind.Arn:
                var pattern = PolicyVariables.Substitute(policyValue, request);
                if (pattern is null)
                {
                    return false;
                }
                return op.Kind switch
                {
                    OperatorKind.StringEquals => string.Equals(Glob.Text(pattern), requestValue, StringComparison.Ordinal),
                    OperatorKind.StringEqualsIgnoreCase => string.Equals(Glob.Text(pattern), requestValue, StringComparison.OrdinalIgnoreCase),
                    OperatorKind.StringLike => Wildcard.Matches(pattern, Glob.Literal(requestValue), ignoreCase: false),
                    _ => ArnMatches(pattern, requestValue),
                };
            case OperatorKind.Numeric:
                return decimal.TryParse(policyValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
                    && decimal.TryParse(requestValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                    ? Ordered(op.Comparison, r.CompareTo(p)) : null;
            case OperatorKind.Date:
                return TryDate(policyValue, out var pd) && TryDate(requestValue, out var rd) ? Ordered(op.Comparison, rd.CompareTo(pd)) : null;
            case OperatorKind.Bool:
                return bool.TryParse(policyValue.Trim(), out var pb) && bool.TryParse(requestValue.Trim(), out var rb) ? pb == rb : null;
            case OperatorKind.Binary:
                return TryBase64(policyValue, out var pbytes) && TryBase64(requestValue, out var rbytes) ? pbytes.AsSpan().SequenceEqual(rbytes) : null;
            case OperatorKind.IpAddress:
                return InNetwork(policyValue, requestValue);
            default:
                return null;
        }
    }

    /// <summary>Segment by segment; the last (resource) segment takes the rest, colons included.</summary>
    private static bool ArnMatches(string pattern, string arn)
    {
        var p = pattern.Split(':', 6);
        var a = Glob.Literal(arn).Split(':', 6);
        if (p.Length != 6 || a.Length != 6)
        {
            return p.Length < 6 && a.Length < 6 && Wildcard.Matches(pattern, Glob.Literal(arn), ignoreCase: false);
        }
        for (var i = 0; i < 6; i++)
        {
            if (!Wildcard.Matches(p[i], a[i], ignoreCase: false))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Ordered(string comparison, int sign) => comparison switch
    {
        "LessThan" => sign < 0,
        "LessThanEquals" => sign <= 0,
        "GreaterThan" => sign > 0,
        "GreaterThanEquals" => sign >= 0,
        _ => sign == 0,
    };

    /// <summary>
    /// Whether an address is in a CIDR block; a bare address is a /32 (or /128), and host bits set in the
    /// block (<c>203.0.113.7/24</c>) are ignored rather than refused.
    /// </summary>
    private static bool? InNetwork(string block, string value)
    {
        var text = block.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var network) || !IPAddress.TryParse(value.Trim(), out var address))
        {
            return null;
        }
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var net = network.GetAddressBytes();
        var bits = slash < 0 ? net.Length * 8 : int.TryParse(text[(slash + 1)..], CultureInfo.InvariantCulture, out var b) ? b : -1;
        var addr = address.GetAddressBytes();
        if (bits < 0 || bits > net.Length * 8)
        {
            return null;
        }
        if (addr.Length != net.Length)
        {
            return false;
        }
        for (var i = 0; i < net.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : 0xFF << (8 - bits) & 0xFF;
            if ((net[i] & mask) != (addr[i] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text.Trim(), bytes, out var written);
        bytes = ok ? bytes[..written] : [];
        return ok;
    }

    /// <summary>ISO 8601 or epoch seconds, the two forms IAM accepts for dates.</summary>
    internal static bool TryDate(string text, out DateTimeOffset date)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            && epoch >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && epoch <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            date = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }
}
