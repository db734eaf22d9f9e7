// id: tagging-key-case-consistent
// title: Resource tag keys are spelled in one case
// severity: low
// resource-types: *
// rationale: Tag keys are case-sensitive: Owner and owner are two tags, so cost reports split in two, tag-based IAM conditions and tag policies miss the variant, and a required tag spelled in another case counts as missing.
// remediation: Copy the value to the key in its agreed case and remove the variant, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=VALUE` then `untag-resources --tag-keys Owner`; enforce key capitalisation with an AWS Organizations tag policy. Required keys are those of tagging-required-tags (guardrails.yaml, rules: tagging-required-tags: tags).
// references: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
// param: tags from tagging-required-tags

var required = Params.Strings("tags");
// The keys as a list without a copy where the tags already hold one (every resource is judged).
var keys = Resource.Tags.Keys as IReadOnlyList<string> ?? Resource.Tags.Keys.ToList();
// Most resources have nothing to report: tell that without grouping anything, or a set or closure made (judged on
// every resource; a resource has a handful of tags, so comparing each pair is quicker than hashing them).
bool SpelledInOneCase()
{
    for (var i = 1; i < keys.Count; i++)
    {
        for (var j = 0; j < i; j++)
        {
            if (string.Equals(keys[i], keys[j], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
    }
    for (var n = 0; n < required.Count; n++)
    {
        if (Resource.Tag(required[n]) is null)
        {
            for (var k = 0; k < keys.Count; k++)
            {
                if (string.Equals(keys[k], required[n], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }
    }
    return true;
}
if (SpelledInOneCase())
{
    return Pass($"{Resource} spells every tag key in one case");
}
// In a function of its own: what its lambdas capture is gathered only for a resource that fails, not for every resource.
List<string> Problems(IReadOnlyList<string> keys, IReadOnlyList<string> required, Resource resource) => keys
    .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
    .Where(g => g.Count() > 1)
    .Select(g => $"keys {string.Join(", ", g.Order(StringComparer.Ordinal))} differ only by case")
    .Concat(required
        .Where(r => resource.Tag(r) is null)
        .SelectMany(r => keys.Where(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)).Select(k => $"'{k}' should be spelled '{r}'")))
    .ToList();
var problems = Problems(keys, required, Resource);
return problems.Count == 0
    ? Pass($"{Resource} spells every tag key in one case")
    : Fail($"{Resource}: {string.Join("; ", problems)}; keep one key in the agreed case and remove the other", Evidence.Tags(Resource, keys));
