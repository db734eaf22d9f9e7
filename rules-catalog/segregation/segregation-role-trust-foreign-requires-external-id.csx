// id: segregation-role-trust-foreign-requires-external-id
// title: Roles that trust an account beyond their customer and the platform require an sts:ExternalId
// severity: high
// resource-types: AWS::IAM::Role
// rationale: A third party that assumes roles for many customers can be tricked by one customer into using another's role (the confused deputy); an sts:ExternalId condition, unique per customer, stops it. Trust within the customer's own accounts and from the platform (which the estate trusts to reach every customer) is exempt; whether such trust is allowed at all is segregation-role-trust-no-foreign-account's question.
// remediation: Add an sts:ExternalId condition with the value the third party gave this customer to each statement that trusts it (`aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`), or remove the trust.
// controls: n/a (no CIS or FSBP control covers external ids)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html

var trust = IamPrincipals.TrustPolicyOf(Resource);
if (trust is null)
{
    return Skip($"the trust policy of role {Resource.DisplayName} was not recorded; collect the role's AssumeRolePolicyDocument to judge it");
}
var unguarded = AccessAnalyzer.Grants(trust, Resource, Estate, Organization)
    .Where(g => g.IsForeign && !g.Statement.Conditions.Any(c => c.IsKey("sts:ExternalId") && !c.IsNegated && !c.IfExists))
    .ToList();
return unguarded.Count == 0
    ? Pass($"role {Resource.DisplayName} trusts no account beyond its customer and the platform without an sts:ExternalId")
    : Fail($"role {Resource.Arn} trusts beyond its customer without an sts:ExternalId condition: {AccessAnalyzer.Describe(unguarded)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: add a Condition StringEquals sts:ExternalId with the customer's external id to those statements, or remove the trust", Evidence.Of(unguarded.Select(g => g.Statement)));
