// id: tagging-required-tags
// title: Resources carry every required tag with a value
// severity: medium
// resource-types: *
// rationale: Owner, customer, environment and cost-centre tags are how an incident reaches its owner and a bill reaches its payer; an untagged resource belongs to nobody.
// remediation: Add the missing tags (list in guardrails.yaml, rules: tagging-required-tags: tags) with non-empty values, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=team@example.com`.
// param: tags (strings) = owner, customer, environment, cost-centre: the tag keys every resource must carry, each with a non-empty value
// tune: tags

var required = Params.Strings("tags");
// Judged on every resource, most of which carry every tag: the list is made only when one is missing.
List<string>? missing = null;
foreach (var key in required)
{
    if (string.IsNullOrWhiteSpace(Resource.Tag(key)))
    {
        (missing ??= []).Add(key);
    }
}
return missing is null
    ? Pass($"{Resource.DisplayName} carries every required tag")
    : Fail($"{Resource.Type} {Resource.Arn} is missing required tag(s) {string.Join(", ", missing)}; add them with non-empty values", Evidence.Tags(Resource, required));
