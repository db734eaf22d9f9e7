// id: tagging-below-tag-limit
// title: Resources keep room below AWS's limit of 50 tags
// severity: low
// resource-types: *
// rationale: AWS refuses a 51st user tag on a resource, so a resource near the limit cannot take a newly required tag (a new cost dimension, a data classification) and automation that tags it fails. Tags with the aws: prefix do not count against the limit.
// remediation: Remove tags that are unused or duplicated (`aws resourcegroupstaggingapi untag-resources --resource-arn-list ARN --tag-keys KEY ...`) and keep descriptive data in a catalogue instead; the threshold is set in guardrails.yaml (rules: tagging-below-tag-limit: max).
// references: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html
// param: max (integer, 1 to 50) = 45: a resource with more user tags than this fails (AWS allows 50)

const int AwsLimit = 50;
var max = (int)Params.Number("max");
var count = Resource.Tags.Keys.Count(k => !k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));
return count < max
    ? Pass($"{Resource} carries {count} tags, below the threshold of {max}")
    : Fail($"{Resource} carries {count} tags, at or above the threshold of {max} (AWS allows {AwsLimit}, aws: tags aside); remove unused tags so that required ones can still be added", Evidence.Value("tags", count).And("max", max));
