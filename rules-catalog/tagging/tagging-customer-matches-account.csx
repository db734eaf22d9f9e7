// id: tagging-customer-matches-account
// title: A resource's customer tag names the customer that owns its account
// severity: high
// resource-types: *
// rationale: Access reviews, cost allocation and incident notices follow the customer tag; a resource in one customer's account tagged for another misroutes them, and often marks data that was copied across the customer boundary.
// remediation: Set the customer tag to the id of the customer that owns the account (`aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags customer=ID`), or, if the resource really serves the tagged customer, move it into that customer's accounts.
// references: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html, https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html

var tagged = Resource.Tag("customer");
if (tagged is null)
{
    return Skip($"{Resource} has no customer tag (tagging-required-tags reports that)");
}
var owner = Estate.CustomerOf(Resource.AccountId);
if (owner is null)
{
    return Skip($"{Resource} is in account {Resource.AccountId}, which is a platform or unknown account, not a customer's");
}
if (tagged == owner.Id)
{
    return Pass($"{Resource} is tagged customer={owner.Id}, the owner of account {Resource.AccountId}");
}
var move = Estate.Customers.Any(c => c.Id == tagged) ? $", or move the resource into {tagged}'s accounts" : "";
return Fail($"{Resource} is tagged customer='{tagged}' but its account {Resource.AccountId} belongs to {owner.Id} ({owner.Name}); set the tag to customer={owner.Id}{move}", Evidence.Tags(Resource, "customer").And("accountOwner", owner.Id));
