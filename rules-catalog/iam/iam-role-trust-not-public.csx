// id: iam-role-trust-not-public
// title: Role trust policies do not let anyone ("*") assume the role
// severity: critical
// resource-types: AWS::IAM::Role
// rationale: A trust policy with Principal "*" lets any AWS identity in the world try to assume the role; conditions that name no account (aws:PrincipalOrgID, sts:ExternalId, aws:SourceIp) narrow it to whoever meets them, not to the customer. Only aws:PrincipalAccount / aws:PrincipalArn naming accounts make "*" safe.
// remediation: Name the principals that may assume the role (`aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`), or pin "*" with aws:PrincipalAccount to the customer's accounts.
// controls: n/a (no CIS or FSBP control covers public trust policies)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy

var trust = IamPrincipals.TrustPolicyOf(Resource);
if (trust is null)
{
    return Skip($"the trust policy of role {Resource.DisplayName} was not recorded; collect the role's AssumeRolePolicyDocument to judge it");
}
var open = AccessAnalyzer.Grants(trust, Resource, Estate).Where(g => g.Kind == GrantKind.Public).ToList();
return open.Count == 0
    ? Pass($"role {Resource.DisplayName} cannot be assumed by anyone outside the principals and accounts its trust policy names")
    : Fail($"role {Resource.Arn} can be assumed by anyone: {AccessAnalyzer.Describe(open)}. Fix: name the principals, or pin \"*\" with aws:PrincipalAccount to the customer's accounts", Evidence.Of(open.Select(g => g.Statement)));
