// id: segregation-repository-policy-no-foreign-access
// title: ECR repository policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::ECR::Repository
// rationale: A repository holds one customer's images, and the code and configuration baked into them; a repository policy that lets in another customer's account, an account outside the estate, or anyone lets them pull (or push) the customer's images. The policy is read from configuration.RepositoryPolicyText, where AWS Config records it.
// remediation: Remove the foreign principals from the repository policy (`aws ecr set-repository-policy --repository-name NAME --policy-text file://policy.json`, or `aws ecr delete-repository-policy --repository-name NAME`).
// controls: n/a (no CIS or FSBP control covers cross-customer repository policies)
// references: https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html, https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"repository {Resource.DisplayName} has no repository policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the repository policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"repository {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the repository policy, or delete it", Evidence.Of(foreign.Select(g => g.Statement)));
