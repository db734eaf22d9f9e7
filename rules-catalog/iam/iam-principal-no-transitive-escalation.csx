// id: iam-principal-no-transitive-escalation
// title: IAM users and roles cannot become administrators through other principals
// severity: high
// resource-types: AWS::IAM::User, AWS::IAM::Role
// rationale: A principal that is not an administrator but can assume, pass or take over another principal that is (or that reaches one) is an administrator in a few steps, wherever the roles are in the estate; judging each principal alone misses it. The chain follows only steps AWS would allow: the caller's permission and the role's trust for sts:AssumeRole (across accounts), iam:PassRole into a service the role trusts, and credential or trust takeovers of another principal, each cut by explicit Denies and permissions boundaries.
// remediation: Break the shortest chain the message names at its weakest hop: narrow the statement that grants it (name the roles that may be assumed or passed, drop iam:CreateAccessKey/iam:UpdateAssumeRolePolicy on other principals) or the role's trust policy; check with `aws iam simulate-principal-policy --policy-source-arn ARN --action-names ACTION --resource-arns TARGET`.
// controls: n/a (no CIS or FSBP control covers escalation through other principals)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html, https://pathfinding.cloud
// param: maxHops (integer, 1 to 10) = 5: a chain to admin of at most this many hops fails; a longer one is named in the Pass message

if (!Graph.IsBuilt)
{
    return NotAssessed($"the estate's principal graph was not built for this scan, so chains from {Resource.DisplayName} were not followed");
}
var chain = Graph.ChainToAdmin(Resource.Arn);
if (chain is null)
{
    return Pass($"{Resource.DisplayName} reaches no administrator through other principals");
}
if (chain.Hops.Count == 0)
{
    return Pass($"{Resource.DisplayName} is already admin, or can make itself admin, which iam-principal-no-admin-access and iam-principal-no-privilege-escalation report");
}
var maxHops = (int)Params.Number("maxHops");
if (chain.Hops.Count > maxHops)
{
    return Pass($"{Resource.DisplayName} reaches an administrator only in {chain.Hops.Count} hops, more than maxHops ({maxHops}): {chain.Describe()}");
}
return Fail($"{Resource.Type} {Resource.Arn} is not an administrator but becomes one in {chain.Hops.Count} hop(s): {chain.Describe()}. Fix: narrow the statement or the trust policy of one hop so that AWS refuses it", chain.Evidence());
