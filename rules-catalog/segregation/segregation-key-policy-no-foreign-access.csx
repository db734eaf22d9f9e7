// id: segregation-key-policy-no-foreign-access
// title: KMS key policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::KMS::Key
// rationale: A key decrypts one customer's data wherever it is stored; a key policy that lets in another customer's account, an account outside the estate, or anyone hands them that data. A "*" principal is safe only when kms:CallerAccount (or aws:PrincipalAccount / aws:SourceAccount) names the customer's accounts, as the policies of AWS managed keys do with kms:CallerAccount and kms:ViaService together; kms:ViaService alone names a service, not an account, and kms:CallerAccount "*" names no account at all. The policy is read from supplementaryConfiguration.Policy, where the scanner keeps GetKeyPolicy's text.
// remediation: Remove the foreign principals from the key policy, or pin a "*" principal with kms:CallerAccount to the customer's account ids (`aws kms put-key-policy --key-id ID --policy-name default --policy file://policy.json`).
// controls: n/a (no CIS or FSBP control covers cross-customer key policies)
// references: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html, https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account, https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"key {Resource.DisplayName} has no key policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the key policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"key {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the key policy or pin \"*\" with kms:CallerAccount to the customer's own account ids", Evidence.Of(foreign.Select(g => g.Statement)));
