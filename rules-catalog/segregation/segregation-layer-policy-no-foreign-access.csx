// id: segregation-layer-policy-no-foreign-access
// title: Lambda layer version policies let in only the customer's own accounts, the platform and AWS services
// severity: high
// resource-types: AWS::Lambda::LayerVersion
// rationale: Whoever a layer version's policy lets in can download the layer's code (lambda:GetLayerVersion): often the customer's own libraries, sometimes with configuration or secrets built in. Another customer's account, an account outside the estate, or anyone ("*", or an organisation every customer is in) crosses the customer boundary. AWS Config does not record layers; the scanner reads each layer's latest version and its policy (aws lambda list-layers, get-layer-version-policy; lambda/REGION/ of the snapshot). Older versions are not read.
// remediation: Remove the permission that lets them in (`aws lambda remove-layer-version-permission --layer-name NAME --version-number N --statement-id SID`) from this and every older version.
// controls: n/a (no CIS or FSBP control covers shared layer versions)
// references: https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html, https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionPolicy.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"layer version {Resource.Id} has no policy: only its own account uses it");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the policy of layer version {Resource.Id} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"layer version {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those permissions (aws lambda remove-layer-version-permission), from older versions too", Evidence.Of(foreign.Select(g => g.Statement)));
