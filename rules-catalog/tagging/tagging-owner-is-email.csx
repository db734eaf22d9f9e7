// id: tagging-owner-is-email
// title: A resource's owner tag is an email address
// severity: low
// resource-types: *
// rationale: The owner tag is where findings, cost anomalies and incidents are sent; a team name, a person's initials or a Slack handle cannot be mailed, so nobody hears about the problem. An optional domain list keeps owners inside the organisation.
// remediation: Set the owner tag to a monitored team mailbox, e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=payments-team@example.com`; allowed domains are set in guardrails.yaml (rules: tagging-owner-is-email: domains).
// references: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html
// param: domains (strings) = none: the email domains owners must belong to (subdomains included); none allows any domain
// tune: domains

var owner = Resource.Tag("owner");
if (string.IsNullOrWhiteSpace(owner))
{
    return Skip($"{Resource} has no owner tag (tagging-required-tags reports that)");
}
const string Email = @"^[A-Za-z0-9._%+=-]+@(?<domain>[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$";
var domains = Params.Strings("domains");
// Judged on every resource: without allowed domains (the default) the domain is not needed, nor the Match that holds it.
var match = domains.Count == 0 ? null : Regex.Match(owner, Email, RegexOptions.None, TimeSpan.FromSeconds(1));
if (match is null ? !Regex.IsMatch(owner, Email, RegexOptions.None, TimeSpan.FromSeconds(1)) : !match.Success)
{
    return Fail($"{Resource} has owner='{owner}', which is not an email address; set it to a monitored team mailbox such as team@example.com", Evidence.Tags(Resource, "owner"));
}
var domain = match?.Groups["domain"].Value ?? "";
return match is null || domains.Any(d => domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase))
    ? Pass($"{Resource} has owner {owner}, an email address")
    : Fail($"{Resource} has owner={owner}, outside the allowed domains {string.Join(", ", domains)}; set it to a team mailbox in one of them", Evidence.Tags(Resource, "owner").And("domains", domains));
