using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// An AWS RAM resource share (<c>AWS::RAM::ResourceShare</c>): its configuration is the share as <c>aws ram
/// get-resource-shares --resource-owner SELF</c> prints it; the scanner adds the share's entries of <c>aws ram
/// list-resources</c> as supplementaryConfiguration.Resources and of <c>aws ram list-principals</c> as
/// supplementaryConfiguration.Principals. A principal is an account id, an organization or OU ARN, or an IAM role or
/// user ARN. https://docs.aws.amazon.com/ram/latest/APIReference/API_ListPrincipals.html
/// </summary>
public static class ResourceShares
{
    public const string ShareType = ResourceTypeNames.ResourceShare;
    public const string ResourcesKey = "Resources";
    public const string PrincipalsKey = "Principals";

    /// <summary>The principals' ids, or null when the share's principals were not collected.</summary>
    public static IReadOnlyList<string>? Principals(Resource share) => Ids(share.Supplementary(PrincipalsKey), "principals", "id");

    /// <summary>The ARNs of the resources the share shares; empty when none were listed.</summary>
    public static IReadOnlyList<string> SharedResources(Resource share) => Ids(share.Supplementary(ResourcesKey), "resources", "arn") ?? [];

    /// <summary>Whether the share may name accounts outside the owner's AWS organization.</summary>
    public static bool AllowsExternalPrincipals(Resource share) => share.Config("allowExternalPrincipals") is { ValueKind: JsonValueKind.True };

    /// <summary>The principals classified against the estate and the organisation; null when they were not collected.</summary>
    public static IReadOnlyList<ShareGrant>? Grants(Resource share, Estate estate, OrganizationView organization) =>
        Principals(share)?.Select(p => Classify(p, share.AccountId, estate, organization.Organization)).ToList();

    /// <summary>
    /// An account id or an IAM ARN by its account; an OU or organization by the accounts it holds, when the organisation
    /// was read: one whose accounts are all the owner's customer's (or the platform's) stays inside the customer.
    /// </summary>
    public static ShareGrant Classify(string principal, string ownerAccount, Estate estate, Organization? organization)
    {
        var text = principal.Trim();
        if (text.StartsWith("arn:aws:organizations:", StringComparison.Ordinal))
        {
            return ClassifyOrganizationUnit(text, ownerAccount, estate, organization);
        }
        if (text.StartsWith("arn:", StringComparison.Ordinal) && Arn.TryParse(text, out var arn) && arn.AccountId.Length == 12)
        {
            var account = ResourceSharing.Classify(arn.AccountId, ownerAccount, estate);
            return account with { Grantee = text, Description = $"{text} (in {account.Description})" };
        }
        return ResourceSharing.Classify(text, ownerAccount, estate);
    }

    private static ShareGrant ClassifyOrganizationUnit(string text, string ownerAccount, Estate estate, Organization? organization)
    {
        var node = text[(text.LastIndexOf('/') + 1)..];
        var isWholeOrganization = text.Contains(":organization/", StringComparison.Ordinal);
        if (organization is null || (isWholeOrganization ? node != organization.Id : !text.Contains("/" + organization.Id + "/", StringComparison.Ordinal)))
        {
            return new(text, GrantKind.UnknownAccount, $"{text} (an organization or OU whose accounts are unknown)");
        }
        var members = organization.Accounts.Where(a => isWholeOrganization || organization.PathOf(a).Any(t => t.Id == node)).ToList();
        if (members.Count == 0)
        {
            // An OU we cannot see into (or an empty one) may hold any account tomorrow: never read as the customer's.
            return new(text, GrantKind.UnknownAccount, $"{text} (an OU with no account we know of)");
        }
        var foreign = members.Select(a => ResourceSharing.Classify(a, ownerAccount, estate)).Where(g => g.IsForeign).ToList();
        if (foreign.Count == 0)
        {
            return new(text, GrantKind.SameCustomer, $"{text} (an OU of {members.Count} account(s), all the customer's or the platform's)");
        }
        var kind = foreign.Any(g => g.Kind == GrantKind.OtherCustomer) ? GrantKind.OtherCustomer : GrantKind.UnknownAccount;
        return new(text, kind, $"{text} (holds {foreign.Count} account(s) beyond the customer: {string.Join(", ", foreign.Take(5).Select(g => g.Grantee))}{(foreign.Count > 5 ? ", ..." : "")})");
    }

    /// <summary>The whole CLI output (<c>{"principals": [...]}</c>) or its list; each entry's id. Null when absent or not a list.</summary>
    private static List<string>? Ids(JsonElement? recorded, string listName, string idName)
    {
        if (recorded is not { } value)
        {
            return null;
        }
        var list = JsonPath.Unwrap(value) is { ValueKind: JsonValueKind.Object } o ? JsonPath.Find(o, listName) : JsonPath.Unwrap(value);
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }
        return array.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object ? JsonPath.Find(e, idName) : e)
            .Where(e => e is { ValueKind: JsonValueKind.String })
            .Select(e => e!.Value.GetString()!)
            .ToList();
    }
}
