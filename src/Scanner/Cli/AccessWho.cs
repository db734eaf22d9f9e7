using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// Who <c>guardrails access who</c> asks beyond the estate's users and roles: the principals only a resource policy
/// can name. The owner's account root; every account the resource policy names (<c>123456789012</c> or
/// <c>arn:aws:iam::123456789012:root</c>: any principal of that account whose own policies allow it); the services,
/// the federated providers and <c>"*"</c> (anyone, signed or anonymous) it names.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
/// </summary>
internal static class AccessWho
{
    /// <summary>How a listing names a principal's kind.</summary>
    public static string KindOf(RequestPrincipal principal) => principal.Kind switch
    {
        RequestPrincipalKind.User => "user",
        RequestPrincipalKind.Role => "role",
        RequestPrincipalKind.Root => "account",
        RequestPrincipalKind.Service => "service",
        RequestPrincipalKind.Federated => "federated",
        _ => "anyone",
    };

    /// <summary>What a kind means, for the text listing.</summary>
    public static string Meaning(RequestPrincipal principal) => principal.Kind switch
    {
        RequestPrincipalKind.Root => $"account {principal.AccountId}: its root user, and any of its principals its own policies allow",
        RequestPrincipalKind.Service => "AWS service principal",
        RequestPrincipalKind.Federated => "federated identity provider",
        RequestPrincipalKind.Anonymous => "anyone: any account's principals and anonymous callers",
        _ => KindOf(principal),
    };

    /// <summary>The principals beyond the estate's users and roles, each once, in a stable order.</summary>
    public static IReadOnlyList<AccessSubject> Named(AccessTarget target)
    {
        var subjects = new Dictionary<(RequestPrincipalKind, string), RequestPrincipal>();
        void Add(RequestPrincipal principal) => subjects.TryAdd((principal.Kind, principal.Arn), principal);
        if (target.Account is { } owner)
        {
            Add(Root(owner));
        }
        var policy = target.Owner is { } resource ? ResourcePolicies.Of(resource) : null;
        foreach (var named in policy?.Statements.Where(s => s.IsAllow).SelectMany(s => s.Principals) ?? [])
        {
            var value = named.Value.Trim();
            if (named.IsEveryone)
            {
                Add(new RequestPrincipal(RequestPrincipalKind.Anonymous, "*", ""));
            }
            else if (named.Type == PolicyPrincipal.Service)
            {
                Add(RequestPrincipal.Service(value));
            }
            else if (named.Type == PolicyPrincipal.Federated)
            {
                Add(new RequestPrincipal(RequestPrincipalKind.Federated, value, ""));
            }
            else if (named.Type == PolicyPrincipal.Aws && AccountNamed(value) is { } account)
            {
                Add(Root(account));
            }
        }
        return [.. subjects.Values.OrderBy(p => p.Kind).ThenBy(p => p.Arn, StringComparer.Ordinal).Select(p => new AccessSubject(p, null))];
    }

    private static RequestPrincipal Root(string account) => new(RequestPrincipalKind.Root, $"arn:aws:iam::{account}:root", account);

    /// <summary>The account a principal value delegates to: a bare 12-digit id or an account's root ARN.</summary>
    private static string? AccountNamed(string value)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            return value;
        }
        return value.Split(':') is [_, _, "iam", "", var account, "root"] && account.Length == 12 && account.All(char.IsAsciiDigit) ? account : null;
    }
}
