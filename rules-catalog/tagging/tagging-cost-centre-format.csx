// id: tagging-cost-centre-format
// title: A resource's cost-centre tag has the agreed format
// severity: low
// resource-types: *
// rationale: Finance charges spend back to the cost centre in this tag once it is activated as a cost allocation tag; a value in the wrong format (1234, cc-1234, Marketing) matches no cost centre and its spend lands in the unallocated bucket.
// remediation: Set the cost-centre tag to the cost centre's code in the agreed format (guardrails.yaml, rules: tagging-cost-centre-format: pattern), e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags cost-centre=CC-1001`.
// references: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html
// param: pattern (regex) = ^CC-[0-9]{4}$: the format of a cost centre code, as a .NET regular expression matched against the whole value
// tune: pattern

var costCentre = Resource.Tag("cost-centre");
if (string.IsNullOrWhiteSpace(costCentre))
{
    return Skip($"{Resource} has no cost-centre tag (tagging-required-tags reports that)");
}
var pattern = Params.String("pattern");
// The pattern comes from configuration: a time limit keeps a pathological one from stalling the scan. A match timeout
// is wall time, which a collection pause or a loaded worker spends too: 1 s, as the catalog's other matches (200 ms
// made this rule an Error on an honest value in a CI run), and the engine caps it at what is left of the rule's budget.
return Regex.IsMatch(costCentre, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
    ? Pass($"{Resource} has cost-centre={costCentre}, matching {pattern}")
    : Fail($"{Resource} has cost-centre='{costCentre}', which does not match {pattern}; set it to the cost centre's code in that format (e.g. CC-1001)", Evidence.Tags(Resource, "cost-centre").And("pattern", pattern));
