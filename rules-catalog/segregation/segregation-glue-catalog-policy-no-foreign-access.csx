// id: segregation-glue-catalog-policy-no-foreign-access
// title: Glue Data Catalog resource policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::Glue::ResourcePolicy
// rationale: A Glue Data Catalog resource policy (the catalog's own, or one AWS RAM set for a Lake Formation cross-account grant) lets its principals read or change the customer's databases and tables, and so find and reach their data. Another customer's account, an account outside the estate, or anyone crosses the customer boundary. AWS Config does not record these policies; the scanner reads them from aws glue get-resource-policies (glue/REGION/ of the snapshot).
// remediation: Remove the foreign principals from the catalog policy (`aws glue put-resource-policy --policy-in-json file://policy.json`, or `aws glue delete-resource-policy`); for a grant made through Lake Formation, revoke it there (`aws lakeformation revoke-permissions`).
// controls: n/a (no CIS or FSBP control covers cross-customer Glue catalog policies)
// references: https://docs.aws.amazon.com/glue/latest/dg/glue-resource-policies.html, https://docs.aws.amazon.com/glue/latest/webapi/API_GetResourcePolicies.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"Glue resource policy {Resource.DisplayName} has no document");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"Glue resource policy {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"the Glue Data Catalog of account {Resource.AccountId} ({Resource.Region}) is open beyond its customer by resource policy {Resource.DisplayName}: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals (aws glue put-resource-policy) or revoke the Lake Formation grant", Evidence.Of(foreign.Select(g => g.Statement)));
