// id: tagging-key-case-consistent
// title: Resource tag keys are spelled in one case
// severity: low
// resource-types: *
// rationale: Tag keys are case-sensitive: Owner and owner are two tags, so cost reports split in two, tag-based IAM conditions and tag policies miss the variant, and a required tag spelled in another case counts as missing.
// remediation: Copy the value to the key in its agreed case and remove the variant, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=VALUE` then `untag-resources --tag-keys Owner`; enforce key capitalisation with an AWS Organizations tag policy. Required keys are those of tagging-required-tags (guardrails.yaml, rules: tagging-required-tags: tags).
// references: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
// param: tags from tagging-required-tags

var required = Params.Strings("tags");
// Most resources have nothing to report: tell that without grouping anything, and without a copy of the keys (judged
// on every resource): no two keys differ only by case, and each required key present in some case is spelled as
// agreed. Pairwise up to AWS's 50 tags; through a set above that (a hostile item).
bool SpelledOnce()
{
    if (Resource.Tags.Count > 50)
    {
        var distinct = new HashSet<string>(Resource.Tags.Keys, StringComparer.OrdinalIgnoreCase);
        return distinct.Count == Resource.Tags.Count && required.All(r => Resource.Tag(r) is not null || !distinct.Contains(r));
    }
    var seen = 0;
    foreach (var key in Resource.Tags.Keys)
    {
        var earlier = 0;
        foreach (var other in Resource.Tags.Keys)
        {
            if (earlier++ == seen)
            {
                break;
            }
            if (key.Equals(other, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        seen++;
    }
    foreach (var r in required)
    {
        if (Resource.Tag(r) is null && Resource.Tags.Keys.Any(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
    }
    return true;
}
if (SpelledOnce())
{
    return Pass($"{Resource} spells every tag key in one case");
}
var keys = Resource.Tags.Keys.ToList();
var problems = keys
    .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
    .Where(g => g.Count() > 1)
    .Select(g => $"keys {string.Join(", ", g.Order(StringComparer.Ordinal))} differ only by case")
    .Concat(required
        .Where(r => Resource.Tag(r) is null)
        .SelectMany(r => keys.Where(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)).Select(k => $"'{k}' should be spelled '{r}'")))
    .ToList();
return problems.Count == 0
    ? Pass($"{Resource} spells every tag key in one case")
    : Fail($"{Resource}: {string.Join("; ", problems)}; keep one key in the agreed case and remove the other", Evidence.Tags(Resource, keys));
