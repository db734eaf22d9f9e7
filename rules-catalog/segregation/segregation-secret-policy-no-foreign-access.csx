// id: segregation-secret-policy-no-foreign-access
// title: Secrets Manager secret policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::SecretsManager::Secret
// rationale: A secret holds one customer's credentials; a resource policy that lets in another customer's account, an account outside the estate, or anyone lets them read the credentials and act as the customer. The policy is read from supplementaryConfiguration.ResourcePolicy, where the scanner keeps GetResourcePolicy's text.
// remediation: Remove the foreign principals from the secret's policy (`aws secretsmanager put-resource-policy --secret-id ID --resource-policy file://policy.json --block-public-policy`, or `aws secretsmanager delete-resource-policy --secret-id ID`).
// controls: n/a (no CIS or FSBP control covers cross-customer secret policies)
// references: https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html, https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"secret {Resource.DisplayName} has no secret policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the secret policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"secret {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the secret's resource policy, or delete the policy", Evidence.Of(foreign.Select(g => g.Statement)));
