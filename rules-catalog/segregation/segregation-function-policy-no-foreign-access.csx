// id: segregation-function-policy-no-foreign-access
// title: Lambda function policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::Lambda::Function
// rationale: Whoever a function policy lets in can invoke the function (or change it) with the function's role, inside the customer's account; another customer's account, an account outside the estate, or anyone ("*", or a service principal without aws:SourceAccount / aws:SourceArn naming the customer's accounts) crosses the customer boundary. The policy is read from supplementaryConfiguration.Policy, where the scanner keeps GetPolicy's text.
// remediation: Remove the permission that lets them in (`aws lambda remove-permission --function-name NAME --statement-id SID`), or add it again with --source-account / --source-arn naming the customer's own account (`aws lambda add-permission ... --source-account ACCOUNT`).
// controls: AWS FSBP Lambda.1
// references: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html, https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"function {Resource.DisplayName} has no function policy");
}
// A service principal with no aws:SourceAccount / aws:SourceArn acts for any account that asks it
// (any account's bucket or topic could invoke the function): the confused deputy.
bool Unpinned(AccessGrant g) => g.Kind == GrantKind.Service && !g.Pinned && g.Principal.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign || Unpinned(g)).ToList();
var deputy = foreign.Any(Unpinned) ? " (a service principal without aws:SourceAccount or aws:SourceArn acts for any account that asks it)" : "";
return foreign.Count == 0
    ? Pass($"the function policy of {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services acting for them")
    : Fail($"function {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{deputy}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those permissions (aws lambda remove-permission) or add them again with --source-account naming the customer's own account", Evidence.Of(foreign.Select(g => g.Statement)));
