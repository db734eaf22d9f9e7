// id: segregation-role-trust-no-foreign-account
// title: Role trust policies let only the customer's own accounts, the platform and AWS services assume the role
// severity: critical
// resource-types: AWS::IAM::Role
// rationale: Whoever a role trusts acts with its permissions inside the customer's account; trusting another customer's account, an account outside the estate, or anyone ("*" without a condition pinning it to the customer's accounts) hands the customer's account to them.
// remediation: Remove the foreign principals from the role's trust policy, or pin them with aws:PrincipalAccount / aws:SourceAccount to the customer's accounts (`aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`).
// controls: n/a (no CIS or FSBP control covers cross-customer trust)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy, https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html

var trust = IamPrincipals.TrustPolicyOf(Resource);
if (trust is null)
{
    return Skip($"the trust policy of role {Resource.DisplayName} was not recorded; collect the role's AssumeRolePolicyDocument to judge it");
}
var foreign = AccessAnalyzer.Grants(trust, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"role {Resource.DisplayName} trusts only the customer's own accounts, the platform, AWS services and federation providers")
    : Fail($"role {Resource.Arn} can be assumed from beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the trust policy or pin them with aws:PrincipalAccount to the customer's own accounts", Evidence.Of(foreign.Select(g => g.Statement)));
