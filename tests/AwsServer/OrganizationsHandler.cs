using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// AWS Organizations over JSON 1.1: ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent,
/// ListPoliciesForTarget and DescribePolicy, paged (MaxResults 1-20), with the errors AWS answers: an account
/// outside any organisation, a member that is neither the management account nor a delegated administrator,
/// an unknown parent, target or policy.
/// </summary>
internal sealed partial class OrganizationsHandler(ServedEstate estate, int maxPage)
{
    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    private static partial Regex ParentId();

    public Reply Handle(RequestScope scope)
    {
        if (estate.Organization is not { } organization)
        {
            return Reply.JsonError(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
        }
        if (!organization.MayRead(scope.Account))
        {
            return Reply.JsonError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
        }
        return scope.Operation switch
        {
            "ListRoots" => Page(scope, "Roots", [organization.Root]),
            "ListOrganizationalUnitsForParent" => ForParent(scope, organization, "OrganizationalUnits", organization.UnitsByParent),
            "ListAccountsForParent" => ForParent(scope, organization, "Accounts", organization.AccountsByParent),
            "ListPoliciesForTarget" => ForTarget(scope, organization),
            "DescribePolicy" => scope.Text("PolicyId") is { } id && organization.PolicyById.TryGetValue(id, out var policy)
                ? Reply.Json(new JsonObject { ["Policy"] = policy.DeepClone() })
                : Reply.JsonError(400, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified."),
            _ => Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}"),
        };
    }

    private Reply ForParent(RequestScope scope, ServedOrganization organization, string list, Dictionary<string, List<JsonObject>> children)
    {
        var parent = scope.Text("ParentId") ?? "";
        if (!ParentId().IsMatch(parent))
        {
            return Reply.JsonError(400, "InvalidInputException", "You provided a value that does not match the required pattern.");
        }
        if (!organization.AllParents().Contains(parent))
        {
            return Reply.JsonError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
        }
        return Page(scope, list, children.GetValueOrDefault(parent) ?? []);
    }

    private Reply ForTarget(RequestScope scope, ServedOrganization organization)
    {
        var target = scope.Text("TargetId") ?? "";
        var filter = scope.Text("Filter");
        if (filter is null)
        {
            return Reply.JsonError(400, "InvalidInputException", "You must specify a value for Filter.");
        }
        if (!organization.AllParents().Concat(organization.AllAccounts()).Contains(target))
        {
            return Reply.JsonError(400, "TargetNotFoundException", "We can't find a root, OU, account, or email that you specified.");
        }
        var attached = (organization.Attached.TryGetValue((target, filter), out var ids) ? ids : [])
            .Select(id => (JsonObject)organization.PolicyById[id]["PolicySummary"]!).ToList();
        return Page(scope, "Policies", attached);
    }

    private Reply Page(RequestScope scope, string list, IReadOnlyList<JsonObject> all)
    {
        var size = scope.Int("MaxResults", 20);
        var offset = PageToken.Read(scope.Text("NextToken"));
        if (offset is null || size is < 1 or > 20)
        {
            return Reply.JsonError(400, "InvalidInputException", "You provided an invalid value for a parameter (NextToken or MaxResults).");
        }
        var (page, next) = PageToken.Slice(all, offset.Value, Math.Min(size, maxPage));
        var output = new JsonObject { [list] = new JsonArray(page.Select(p => p.DeepClone()).ToArray()) };
        if (next is not null)
        {
            output["NextToken"] = next;
        }
        return Reply.Json(output);
    }
}
