// id: segregation-rest-api-policy-no-foreign-access
// title: API Gateway REST API resource policies let in only the customer's own accounts, the platform and AWS services
// severity: high
// resource-types: AWS::ApiGateway::RestApi
// rationale: A REST API fronts one customer's services and data; a resource policy that lets another customer's account, an account outside the estate, or anyone invoke it opens them to callers beyond the customer, whatever IAM authorisation the methods ask for. Principal "*" limited only by aws:SourceVpc or aws:SourceVpce (a private API) names no account, so it is reported as conditional: pin it with aws:SourceAccount or aws:PrincipalAccount, or fence the account with an RCP. An API without a resource policy passes: no other account's principals can call its IAM-authorised methods; its authorisers (API keys, Lambda, Cognito) are not judged here. The policy is read from configuration.policy as AWS Config records GetRestApi's answer (a JSON string with its quotes escaped once more).
// remediation: Remove the foreign principals from the API's resource policy (`aws apigateway update-rest-api --rest-api-id ID --patch-operations op=replace,path=/policy,value=...`), then deploy the API again so that the change takes effect.
// controls: n/a (no CIS or FSBP control covers cross-customer REST API policies)
// references: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html, https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"REST API {Resource.DisplayName} has no resource policy: no other account's principals can call its IAM-authorised methods");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the resource policy of REST API {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"REST API {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the API's resource policy and deploy the API again", Evidence.Of(foreign.Select(g => g.Statement)));
