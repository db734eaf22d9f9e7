// id: iam-principal-no-admin-access
// title: IAM users, roles and groups are not allowed every action on every resource
// severity: high
// resource-types: AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: A principal allowed "*" on "*" can do anything in the account, including erasing the evidence; administrator access belongs to few, reviewed, break-glass principals. Judged on the principal's combined policies (inline, attached managed default versions, and a user's groups'), so a Deny elsewhere that cancels the grant is honoured, and so is a permissions boundary that does not allow everything, and the SCPs over the principal's account when the organisation was read.
// remediation: Detach the policy that grants "Action": "*" on "Resource": "*" (`aws iam detach-role-policy --role-name NAME --policy-arn ARN`, or delete the inline policy) and grant the actions the principal needs; waive reviewed break-glass principals in guardrails.yaml.
// controls: CIS AWS Foundations 1.16, AWS FSBP IAM.1
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

var permissions = IamPrincipals.PermissionsOf(Resource, Inventory, Now, Organization);
var admin = permissions.Admin;
var unjudged = permissions.Unresolved.Count == 0 ? "" : $" ({string.Join(", ", permissions.Unresolved)} not in the inventory, not judged)";
var boundary = permissions.BoundaryNote is { } note ? $" ({note})" : "";
var without = Organization.WithoutNote is { } org ? $" ({org})" : "";
return permissions.AllowsAdmin
    ? Fail($"{Resource.Type} {Resource.Arn} has administrator access{boundary}{without}: {admin.Describe()}. Fix: detach or narrow that policy to the actions the principal needs", Evidence.Of(admin.Allowing))
    : Pass($"{Resource.DisplayName} is not allowed every action on every resource{(admin.Denying.Count > 0 || admin.Boundary is not null || admin.ServiceControl is not null ? $" ({admin.Describe()})" : "")}{boundary}{unjudged}");
