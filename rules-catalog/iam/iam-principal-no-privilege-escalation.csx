// id: iam-principal-no-privilege-escalation
// title: IAM users and roles cannot escalate their own privileges
// severity: high
// resource-types: AWS::IAM::User, AWS::IAM::Role
// rationale: A principal that holds every permission of a known privilege-escalation method (Rhino Security Labs' list, pathfinding.cloud's paths) can make itself an administrator, so its least-privilege policy is not least privilege. Judged on the combined policies, so permissions split over several policies count together and an explicit Deny cancels them, within the principal's permissions boundary (unless it may lift the boundary) and the SCPs over its account (when the organisation was read); a principal that is already an administrator is reported by iam-principal-no-admin-access instead. An iam:PassRole method counts only where a role of the principal's account that it may pass trusts the method's service: AWS refuses to pass a role to a service its trust does not admit.
// remediation: Remove the permissions the message names, or limit them to resources that cannot lead back to the principal (for iam:PassRole, name the roles that may be passed; for iam:*Policy*, exclude the principal's own policies); check with `aws iam simulate-principal-policy --policy-source-arn ARN --action-names ACTIONS`.
// controls: n/a (no CIS or FSBP control covers privilege escalation)
// references: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/, https://pathfinding.cloud, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html

var permissions = IamPrincipals.PermissionsOf(Resource, Inventory, Now, Organization);
if (permissions.AllowsAdmin)
{
    return Pass($"{Resource.DisplayName} is already admin, which iam-principal-no-admin-access reports; there is nothing to escalate to");
}
var found = PrivilegeEscalation.Find(permissions, Resource.AccountId);
// A role passed to a service must trust that service: where no role of the account that the principal may pass
// admits the method's service, AWS refuses the method (the principal graph's PassRole edges make the same check).
var refused = PassRoleTrust.Refused(found, permissions, Inventory, Resource.AccountId);
// Most principals complete no method, and a Pass's message is written only when the scan keeps it: its parts are
// written by these, when asked, rather than for every principal.
IReadOnlyList<EscalationMatch> methods = refused.Count == 0 ? found : found.Except(refused).ToList();
string RefusedNote() => refused.Count == 0 ? "" : $" (AWS would refuse {string.Join(", ", refused.Select(m => m.Method.Title))}: no role of the account it may pass trusts {string.Join(", ", refused.Select(m => PassRoleTrust.ServiceOf(m.Method)).Distinct())})";
string Unjudged() => permissions.Unresolved.Count == 0 ? "" : $" ({string.Join(", ", permissions.Unresolved)} not in the inventory, not judged)";
string Boundary() => permissions.BoundaryNote is { } note ? $" ({note})" : "";
if (methods.Count == 0)
{
    var prevented = PrivilegeEscalation.PreventedByServiceControl(permissions, Resource.AccountId);
    return prevented.Count == 0
        ? Pass($"{Resource.DisplayName} holds no complete privilege-escalation method{RefusedNote()}{Boundary()}{Unjudged()}")
        : Pass($"{Resource.DisplayName} holds no complete privilege-escalation method within the SCPs of organisation {permissions.ServiceControl!.OrganizationId}: {PrivilegeEscalation.DescribePrevention(prevented)}{Boundary()}{Unjudged()}");
}
var without = Organization.WithoutNote is { } org ? $" ({org})" : "";
return Fail($"{Resource.Type} {Resource.Arn} can escalate its privileges{Boundary()}{without} by {PrivilegeEscalation.Describe(methods)}. Fix: remove those permissions or restrict their resources so they cannot reach the principal's own policies, roles or credentials", Evidence.Of(PrivilegeEscalation.Statements(methods)));
