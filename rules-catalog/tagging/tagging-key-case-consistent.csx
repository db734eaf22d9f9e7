// id: tagging-key-case-consistent
// title: Resource tag keys are spelled in one case
// severity: low
// resource-types: *
// rationale: Tag keys are case-sensitive: Owner and owner are two tags, so cost reports split in two, tag-based IAM conditions and tag policies miss the variant, and a required tag spelled in another case counts as missing.
// remediation: Copy the value to the key in its agreed case and remove the variant, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=VALUE` then `untag-resources --tag-keys Owner`; enforce key capitalisation with an AWS Organizations tag policy. Required keys are those of tagging-required-tags (guardrails.yaml, rules: tagging-required-tags: tags).
// references: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
// param: tags from tagging-required-tags

var required = Params.Strings("tags");
var keys = Resource.Tags.Keys.ToList();
// Most resources have nothing to report: tell that without grouping anything.
var distinct = new HashSet<string>(keys, StringComparer.OrdinalIgnoreCase);
if (distinct.Count == keys.Count && required.All(r => Resource.Tag(r) is not null || !distinct.Contains(r)))
{
    return Pass($"{Resource} spells every tag key in one case");
}
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
