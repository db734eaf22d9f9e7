// id: segregation-event-bus-policy-no-foreign-access
// title: EventBridge event bus policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::Events::EventBus
// rationale: An event bus policy that lets another customer's account, an account outside the estate, or anyone put events lets them drive the customer's rules and targets (and read what the rules forward). The policy is read from configuration.Policy as AWS Config records it.
// remediation: Remove the foreign principals from the bus policy (`aws events remove-permission --event-bus-name NAME --statement-id SID`, or `aws events put-permission --event-bus-name NAME --policy file://policy.json`).
// controls: n/a (no CIS or FSBP control covers cross-customer event bus policys)
// references: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"event bus {Resource.DisplayName} has no event bus policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the event bus policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"event bus {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the bus policy", Evidence.Of(foreign.Select(g => g.Statement)));
