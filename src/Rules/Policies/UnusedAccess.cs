using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Access granted and not used: IAM's service-last-accessed data of a user or role (supplementaryConfiguration
/// <c>ServiceLastAccessed</c>, the output of <c>aws iam get-service-last-accessed-details</c>) set against the
/// statements of its policies. IAM lists exactly the services the principal's policies allow, and a date only for
/// those it authenticated to within its tracking period (400 days).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
/// </summary>
public static class UnusedAccess
{
    public const string SupplementaryKey = "ServiceLastAccessed";

    /// <summary>The services IAM listed for the principal; null when its data was not collected (judge it NotAssessed).</summary>
    public static IReadOnlyList<ServiceLastUse>? ServicesOf(Resource principal) => Read(principal, static _ => true);

    /// <summary>
    /// The services IAM listed for the principal that <paramref name="keeps"/> (given the last authentication), or null when
    /// its data was not collected. IAM lists every service it tracks (hundreds) for each principal: each entry's properties
    /// are read in one pass, and its namespace and name are made as strings only for an entry that is kept.
    /// </summary>
    private static List<ServiceLastUse>? Read(Resource principal, Func<DateTimeOffset?, bool> keeps)
    {
        if (principal.Supplementary(SupplementaryKey, "ServicesLastAccessed") is not { ValueKind: JsonValueKind.Array } services)
        {
            return null;
        }
        var uses = new List<ServiceLastUse>();
        foreach (var service in services.EnumerateArray())
        {
            if (service.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            JsonElement? serviceNamespace = null;
            JsonElement? name = null;
            JsonElement? lastAuthenticated = null;
            foreach (var property in service.EnumerateObject())
            {
                if (JsonPath.NameEqualsIgnoreCase(property, "ServiceNamespace"))
                {
                    serviceNamespace = property.Value;
                }
                else if (JsonPath.NameEqualsIgnoreCase(property, "ServiceName"))
                {
                    name = property.Value;
                }
                else if (JsonPath.NameEqualsIgnoreCase(property, "LastAuthenticated"))
                {
                    lastAuthenticated = property.Value;
                }
            }
            if (serviceNamespace is { ValueKind: JsonValueKind.String } known && Date(lastAuthenticated) is var date && keeps(date))
            {
                uses.Add(new ServiceLastUse(known.GetString()!, name?.ToString() ?? "", date));
            }
        }
        return uses;
    }

    /// <summary>
    /// The services not used for more than <paramref name="days"/> days (or never, within IAM's tracking period), each with the
    /// principal's Allow statements that grant an action of it; null when the data was not collected.
    /// </summary>
    public static IReadOnlyList<UnusedService>? UnusedServices(Resource principal, Inventory inventory, DateTimeOffset now, int days)
    {
        var limit = TimeSpan.FromDays(days);
        // Asked of every user and role: only the unused services are made, and the Allow statements gathered only for a
        // principal with one.
        if (Read(principal, used => !(used is { } when && now - when <= limit)) is not { } services)
        {
            return null;
        }
        List<PolicyStatement>? statements = null;
        List<UnusedService>? unused = null;
        foreach (var service in services)
        {
            statements ??= [.. IamPrincipals.PoliciesOf(principal, inventory).SelectMany(p => p.Statements).Where(s => s.IsAllow)];
            (unused ??= []).Add(new UnusedService(service, statements.Where(st => Grants(st, service.Namespace)).ToList()));
        }
        return unused ?? [];
    }

    /// <summary>Whether an Allow statement grants some action of the service (its namespace, as <c>s3</c>).</summary>
    public static bool Grants(PolicyStatement statement, string serviceNamespace)
    {
        if (statement.NotActions.Count > 0)
        {
            // NotAction allows everything it does not name: the service, unless the whole of it is named.
            return !statement.NotActions.Any(n => Wildcard.ActionCovers(n, serviceNamespace + ":*"));
        }
        // Asked for every unused service of every principal and every statement: the action's prefix is compared where it
        // stands, not split into strings.
        var actions = statement.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i].AsSpan();
            if (action.Trim() is "*"
                || (action.IndexOf(':') is var colon and >= 0 && Wildcard.Matches(action[..colon].Trim(), serviceNamespace, ignoreCase: true)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An ISO 8601 date as IAM and the CLI write it; null when absent or unreadable.</summary>
    public static DateTimeOffset? Date(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }
        // Read for every service of every principal: parsed from the raw text on the stack, without a string, unless it
        // is long or escaped (then as the string it stands for).
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(text);
        if (raw is [(byte)'"', .. var inner, (byte)'"'] && inner.Length <= 64 && inner.IndexOf((byte)'\\') < 0)
        {
            Span<char> chars = stackalloc char[64];
            var length = System.Text.Encoding.UTF8.GetChars(inner, chars);
            return Parse(chars[..length]);
        }
        return Parse(text.GetString());
    }

    private static DateTimeOffset? Parse(ReadOnlySpan<char> text) =>
        TryReadPlain(text, out var plain) ? plain
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    /// <summary>
    /// The form IAM and the CLI write (<c>2026-10-23T23:00:00Z</c>, or <c>+01:00</c> for the Z), read without the general
    /// parser, which costs several times more (every service of every principal is read); anything else (fractions of a
    /// second, other forms, years outside 1900–9000, a date that does not exist) is left to it, and it reads this form to
    /// the same value and offset (UnusedAccessTests compares the two).
    /// </summary>
    private static bool TryReadPlain(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length is not (20 or 25) || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !Number(text[..4], out var year) || !Number(text[5..7], out var month) || !Number(text[8..10], out var day)
            || !Number(text[11..13], out var hour) || !Number(text[14..16], out var minute) || !Number(text[17..19], out var second)
            || year is < 1900 or > 9000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var offset = TimeSpan.Zero;
        if (text.Length == 20 ? text[19] != 'Z' : !OffsetOf(text[19..], out offset))
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, offset);
        return true;
    }

    /// <summary><c>+HH:MM</c> or <c>-HH:MM</c>, within the 14 hours an offset may be.</summary>
    private static bool OffsetOf(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text[0] is not ('+' or '-') || text[3] != ':' || !Number(text[1..3], out var hours) || !Number(text[4..6], out var minutes)
            || minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }
        offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    /// <summary>ASCII digits only (int.Parse would take signs and spaces).</summary>
    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
