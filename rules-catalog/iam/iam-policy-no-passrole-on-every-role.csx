// id: iam-policy-no-passrole-on-every-role
// title: Customer managed and inline IAM policies allow iam:PassRole only on named roles
// severity: high
// resource-types: AWS::IAM::Policy, AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: iam:PassRole on "*" (or on every role of the account) lets the holder hand any role, an administrator's included, to a service it can drive (EC2, Lambda, Glue, CloudFormation...) and act with that role's permissions: the first step of most privilege-escalation paths. IAM Access Analyzer reports it as PASS_ROLE_WITH_STAR_IN_RESOURCE. "Action": "*" and NotAction are left to iam-policy-no-admin-wildcard and iam-policy-no-allow-not-action.
// remediation: Name the roles that may be passed in Resource (arn:aws:iam::ACCOUNT:role/app-*) and the service they may be passed to with the iam:PassedToService condition, then publish a new default version (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`).
// controls: n/a (no CIS or FSBP control covers PassRole)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/

var policies = IdentityPolicyChecks.OwnPolicies(Resource);
var statements = IdentityPolicyChecks.PassRoleOnEveryRole(policies, Resource.AccountId);
return statements.Count == 0
    ? Pass($"{Resource.DisplayName}: no policy written on it allows iam:PassRole on every role")
    : Fail($"{Resource.Type} {Resource.Arn} allows iam:PassRole on every role: {string.Join("; ", statements.Select(s => $"{s.ActionsText} on {string.Join(", ", s.Resources)} under {s.Label}"))}. Fix: name the roles that may be passed in Resource and add an iam:PassedToService condition", Evidence.Of(statements));
