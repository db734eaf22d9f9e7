// id: segregation-topic-policy-no-foreign-access
// title: Topic policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::SNS::Topic
// rationale: A topic fans one customer's events out to subscribers; a policy that lets in another customer's account, an account outside the estate, or anyone ("*" without a condition pinning it to the customer's accounts) lets them subscribe to or publish into the customer's events.
// remediation: Remove the foreign principals from the topic policy, or pin a "*" principal to the customer's accounts with AWS:SourceOwner / aws:SourceAccount (`aws sns set-topic-attributes --topic-arn ARN --attribute-name Policy --attribute-value file://policy.json`).
// controls: AWS FSBP SNS.4
// references: https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"topic {Resource.DisplayName} has no topic policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the topic policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"topic {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the topic policy or pin them with AWS:SourceOwner / aws:SourceAccount to the customer's own accounts", Evidence.Of(foreign.Select(g => g.Statement)));
