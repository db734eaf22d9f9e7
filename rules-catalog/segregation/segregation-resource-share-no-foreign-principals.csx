// id: segregation-resource-share-no-foreign-principals
// title: AWS RAM resource shares name no principal beyond their customer and the platform, and admit no external principals
// severity: high
// resource-types: AWS::RAM::ResourceShare
// rationale: AWS RAM shares subnets, transit gateways, Route 53 Resolver rules, prefix lists, License Manager configurations and more with accounts, organizations, OUs, roles and users; a principal of a share can use what it shares (launch into a shared subnet, attach to a shared transit gateway, resolve through a shared rule). Another customer's account, an account outside the estate, or an organization or OU that holds such accounts crosses the customer boundary, and allowExternalPrincipals=true lets the share name accounts outside the organization at any time. The scanner reads `aws ram get-resource-shares --resource-owner SELF` and adds the share's entries of `aws ram list-resources` and `aws ram list-principals` (`--resource-owner SELF`) as supplementaryConfiguration.Resources and .Principals.
// remediation: Remove the foreign principals (`aws ram disassociate-resource-share --resource-share-arn ARN --principals PRINCIPAL`) and forbid external principals (`aws ram update-resource-share --resource-share-arn ARN --no-allow-external-principals`); share with the customer's own accounts or OU only.
// controls: n/a (no CIS or FSBP control covers RAM sharing)
// references: https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing.html, https://docs.aws.amazon.com/ram/latest/APIReference/API_ListPrincipals.html

var name = Resource.DisplayName;
if (ResourceShares.Grants(Resource, Estate, Organization) is not { } grants)
{
    return NotAssessed($"resource share {name}: its principals (aws ram list-principals) were not collected");
}
var resources = ResourceShares.SharedResources(Resource);
var foreign = grants.Where(g => g.IsForeign).ToList();
var external = ResourceShares.AllowsExternalPrincipals(Resource);
if (foreign.Count == 0 && !external)
{
    return Pass($"resource share {name} ({resources.Count} resource(s)) is shared with no principal beyond its customer and the platform{(grants.Count == 0 ? " (no principals)" : $" ({ResourceSharing.Describe(grants)})")}");
}
var faults = new List<string>();
if (foreign.Count > 0)
{
    faults.Add($"foreign principals {ResourceSharing.Describe(foreign)}");
}
if (external)
{
    faults.Add("allowExternalPrincipals is true (accounts outside the organization may be added)");
}
return Fail($"resource share {Resource.Arn} shares {(resources.Count == 0 ? "no listed resources" : string.Join(", ", resources.Take(10)) + (resources.Count > 10 ? $", ... ({resources.Count})" : ""))} beyond its customer: {string.Join("; ", faults)}. Fix: aws ram disassociate-resource-share --principals ... and aws ram update-resource-share --no-allow-external-principals",
    Evidence.Value("principals", foreign.Select(g => g.Grantee)).And(Evidence.Value("resources", resources)).And("allowExternalPrincipals", external ? "true" : "false"));
