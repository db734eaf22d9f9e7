// id: segregation-search-domain-policy-no-foreign-access
// title: OpenSearch domain access policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::OpenSearch::Domain, AWS::Elasticsearch::Domain
// rationale: An OpenSearch (or Elasticsearch) domain indexes one customer's data; an access policy that lets in another customer's account, an account outside the estate, or anyone lets them search and change it. IAM Access Analyzer analyses domains for the same reason. The policy is read from configuration.AccessPolicies as AWS Config records it (an object for AWS::OpenSearch::Domain, a JSON string for the older AWS::Elasticsearch::Domain).
// remediation: Remove the foreign principals from the domain's access policy (`aws opensearch update-domain-config --domain-name NAME --access-policies file://policy.json`).
// controls: n/a (no CIS or FSBP control covers cross-customer domain access policys)
// references: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"domain {Resource.DisplayName} has no domain access policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the domain access policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"domain {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the domain's access policy", Evidence.Of(foreign.Select(g => g.Statement)));
