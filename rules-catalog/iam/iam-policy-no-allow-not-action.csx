// id: iam-policy-no-allow-not-action
// title: Customer managed and inline IAM policies do not Allow with NotAction
// severity: medium
// resource-types: AWS::IAM::Policy, AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: An Allow with NotAction grants every action except a few, in every service, including every action AWS adds later; it is almost never what the author meant (a NotAction of iam:* still allows lambda:UpdateFunctionCode, ec2:RunInstances with any role, and deleting everything). Judged where the policy is written: a customer managed policy's default version, or a principal's inline policies. Deny with NotAction is a guard and is allowed.
// remediation: Rewrite the statement as an Allow of the actions needed (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`), or pair an Allow with an explicit Deny of what must be excluded.
// controls: n/a (no CIS or FSBP control covers NotAction)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html

var policies = IdentityPolicyChecks.OwnPolicies(Resource);
var statements = IdentityPolicyChecks.AllowsWithNotAction(policies);
return statements.Count == 0
    ? Pass($"{Resource.DisplayName}: no policy written on it allows with NotAction")
    : Fail($"{Resource.Type} {Resource.Arn} allows with NotAction: {string.Join("; ", statements.Select(s => $"{s.ActionsText} under {s.Label}"))}. Fix: allow the actions needed by name instead", Evidence.Of(statements));
