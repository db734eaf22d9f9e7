// id: tagging-environment-allowed-values
// title: A resource's environment tag holds one of the allowed environments
// severity: low
// resource-types: *
// rationale: Patching windows, backup plans, alert routing and cost reports select resources by environment; a value outside the agreed set (prod, Production, test) silently drops the resource from all of them.
// remediation: Set the environment tag to one of the allowed values (guardrails.yaml, rules: tagging-environment-allowed-values: values), e.g. `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags environment=production`; enforce the values with an AWS Organizations tag policy.
// references: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html, https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html
// param: values (strings) = production, staging, development, sandbox: the environment tag values allowed, exact and case-sensitive
// tune: values

var environment = Resource.Tag("environment");
if (environment is null)
{
    return Skip($"{Resource} has no environment tag (tagging-required-tags reports that)");
}
var allowed = Params.Strings("values");
return allowed.Contains(environment, StringComparer.Ordinal)
    ? Pass($"{Resource} is tagged environment={environment}, an allowed value")
    : Fail($"{Resource} is tagged environment='{environment}', which is not one of {string.Join(", ", allowed)} (exact, case-sensitive); set the tag to one of them", Evidence.Tags(Resource, "environment").And("allowed", allowed));
