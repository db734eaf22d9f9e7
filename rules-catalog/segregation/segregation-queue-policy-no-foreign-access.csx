// id: segregation-queue-policy-no-foreign-access
// title: Queue policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::SQS::Queue
// rationale: A queue carries one customer's messages; a policy that lets in another customer's account, an account outside the estate, or anyone ("*" without a condition pinning it to the customer's accounts) lets them read or inject messages across the customer boundary.
// remediation: Remove the foreign principals from the queue policy, or pin a "*" principal to the customer's accounts with aws:SourceAccount / aws:SourceArn of the customer's topic (`aws sqs set-queue-attributes --queue-url URL --attributes file://attributes.json`).
// controls: AWS FSBP SQS.3
// references: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"queue {Resource.DisplayName} has no queue policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the queue policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"queue {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the queue policy or pin them with aws:SourceAccount / aws:SourceArn to the customer's own accounts", Evidence.Of(foreign.Select(g => g.Statement)));
