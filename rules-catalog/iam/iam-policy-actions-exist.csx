// id: iam-policy-actions-exist
// title: Customer managed and inline IAM policies name only actions AWS has
// severity: medium
// resource-types: AWS::IAM::Policy, AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: IAM accepts any action name, so a misspelt action (s3:GetObjects), a retired one or a service AWS does not have is saved without complaint and then matches nothing. In an Allow the intended access silently fails to work, which invites a broader rewrite; through NotAction it excludes nothing, so the statement grants more than meant; in a Deny the guard protects nothing. Names are checked against AWS's service authorization reference as bundled with the scanner (src/Rules/Policies/iam-actions.txt): an action AWS added since the list was refreshed is named here too, until scripts/iam-actions.sh is run again.
// remediation: Correct each name to the action AWS documents (the message gives the closest real names), or remove it, in a new default policy version (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`) or with `aws iam put-role-policy` for an inline policy.
// controls: n/a (IAM Access Analyzer's policy validation reports the same as a warning)
// references: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html

var policies = IdentityPolicyChecks.OwnPolicies(Resource);
var unknown = IdentityPolicyChecks.UnknownActions(policies);
return unknown.Count == 0
    ? Pass($"{Resource.DisplayName}: every action its policies name is one AWS has")
    : Fail($"{Resource.Type} {Resource.Arn} names actions AWS does not have: {string.Join("; ", unknown.Select(u => $"{string.Join(", ", u.Names.Select(n => $"{n} (closest: {string.Join(", ", ServiceCatalog.Closest(n))})"))} in {(u.Statement.IsAllow ? "an Allow" : "a Deny")} under {u.Statement.Label}"))}. Fix: name the action AWS documents, or remove it", Evidence.Of(unknown.Select(u => u.Statement)));
