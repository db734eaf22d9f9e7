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
            return DateTimeOffset.TryParse(chars[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        }
        return DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;
    }
}
