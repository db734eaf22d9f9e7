// id: iam-policy-no-admin-wildcard
// title: Customer managed and inline IAM policies do not allow every action on every resource
// severity: high
// resource-types: AWS::IAM::Policy, AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: A policy with "Action": "*" on "Resource": "*" (or a NotAction/NotResource naming nothing real, which excludes nothing) makes whoever holds it an administrator, now or the day it is attached; judged where the policy is written (a customer managed policy's default version, a principal's inline policies), so the fix lands on the right document. iam-principal-no-admin-access judges what each principal ends up with.
// remediation: Replace "*" with the actions the policy's holders need (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`, or `aws iam put-role-policy` for an inline policy); keep administrator access to few, reviewed, break-glass roles and waive them in guardrails.yaml.
// controls: CIS AWS Foundations 1.16, AWS FSBP IAM.1
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege, https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html

var policies = IdentityPolicyChecks.OwnPolicies(Resource);
var admin = IdentityPolicyChecks.AdminStatements(policies);
return admin.Count == 0
    ? Pass($"{Resource.DisplayName}: no policy written on it allows every action on every resource ({policies.Count} polic{(policies.Count == 1 ? "y" : "ies")} judged)")
    : Fail($"{Resource.Type} {Resource.Arn} has a policy that allows every action on every resource (\"*\" on \"*\", or a NotAction/NotResource that excludes nothing): {string.Join(", ", admin.Select(s => s.Label))}. Fix: replace \"*\" with the actions needed, in a new default policy version or inline policy", Evidence.Of(admin));
