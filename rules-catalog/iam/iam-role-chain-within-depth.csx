// id: iam-role-chain-within-depth
// title: IAM users and roles reach the roles they can chain into within a few sts:AssumeRole hops
// severity: medium
// resource-types: AWS::IAM::User, AWS::IAM::Role
// rationale: Role chaining (a role session assuming another role) hides who acts: each hop is a new session, so the role at the end of a long chain sees the session of the role before it, not the person or workload that started it, and AWS caps a chained session at one hour, which pushes automation to re-chain. A principal that reaches a role only through more than maxDepth sts:AssumeRole hops has such a hidden path. Followed over the estate's principal graph with sts:AssumeRole steps only (the caller's permission and the role's trust, across accounts; explicit Denies, permissions boundaries and SCPs cut a step); the shortest chain counts, so a direct route to the same role passes.
// remediation: Give the principal a direct path to the role it needs (a trust policy that names it, and sts:SourceIdentity so that CloudTrail keeps who started the session), or cut the hop of the chain it does not need: narrow the sts:AssumeRole statement or the trust policy the message names (`aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`).
// controls: n/a (no CIS or FSBP control covers role-chain depth)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
// param: maxDepth (integer, 1 to 10) = 3: a principal that reaches a role only through more than this many sts:AssumeRole hops fails

if (!Graph.IsBuilt)
{
    return NotAssessed($"the estate's principal graph was not built for this scan, so the role chains from {Resource.DisplayName} were not followed");
}
if (Graph.Find(Resource.Arn) is null)
{
    return NotAssessed($"{Resource.DisplayName} is not in the estate's principal graph, so its role chains were not followed");
}
var maxDepth = (int)Params.Number("maxDepth");
var chain = Graph.RoleChainBeyond(Resource.Arn, maxDepth);
if (chain is null)
{
    return Pass($"{Resource.DisplayName} reaches every role it can chain into within {maxDepth} sts:AssumeRole hop(s)");
}
return Fail($"{Resource.Type} {Resource.Arn} reaches {chain.End.DisplayName} only through {chain.Hops.Count} sts:AssumeRole hops, more than maxDepth ({maxDepth}): {chain.Describe()}. Fix: give it a direct path to the role it needs, or narrow the statement or trust policy of a hop it does not need", chain.Evidence());
