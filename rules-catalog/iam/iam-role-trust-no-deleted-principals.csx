// id: iam-role-trust-no-deleted-principals
// title: Role trust policies name only principals that still exist
// severity: medium
// resource-types: AWS::IAM::Role
// rationale: When a user or role named in a trust policy is deleted, AWS writes its unique id (AROA..., AIDA...) in its place; the trust then admits nobody, but a new principal created under the old name is not admitted either, and whoever reads the policy cannot tell what it was for. A trust naming a user or role of the estate's own accounts that the scan did not find is the same dead entry, waiting to be recreated by anyone who may create principals of that name. Judged against the estate's principal graph (every account's users and roles the scan read).
// remediation: Remove the dead principal from the trust policy, or name the principal that replaced it (`aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`).
// controls: n/a (no CIS or FSBP control covers dead trust entries)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids

if (!Graph.IsBuilt)
{
    return NotAssessed($"the estate's principal graph was not built for this scan, so the principals {Resource.DisplayName}'s trust names were not looked up");
}
var trust = IamPrincipals.TrustPolicyOf(Resource);
if (trust is null)
{
    return Pass($"{Resource.DisplayName} has no trust policy");
}
var dead = new List<string>();
var unread = new List<string>();
foreach (var statement in trust.Statements.Where(s => s.IsAllow))
{
    foreach (var principal in statement.Principals.Where(p => p.Type == PolicyPrincipal.Aws && !p.IsEveryone))
    {
        var value = principal.Value.Trim();
        if (principal.IsDeletedPrincipalId)
        {
            dead.Add($"{value} (a unique id: AWS wrote it in place of a deleted principal)");
            continue;
        }
        var parts = value.Split(':', 6);
        if (parts.Length < 6 || parts[2] != "iam" || !(parts[5].StartsWith("role/") || parts[5].StartsWith("user/")) || !Estate.IsKnown(parts[4]))
        {
            continue;
        }
        if (Graph.Find(value) is not null)
        {
            continue;
        }
        if (!Graph.HoldsAccount(parts[4]))
        {
            unread.Add($"{value} (account {parts[4]}'s IAM was not read)");
            continue;
        }
        dead.Add($"{value} (no such {parts[5].Split('/')[0]} in account {parts[4]})");
    }
}
if (dead.Count > 0)
{
    return Fail($"{Resource.Type} {Resource.Arn} trusts principals that no longer exist: {string.Join("; ", dead)}. Fix: remove them from the trust policy or name their replacements", Evidence.Of(trust.Statements.Where(s => s.IsAllow)));
}
if (unread.Count > 0)
{
    return NotAssessed($"{Resource.DisplayName} trusts principals of accounts whose IAM was not read: {string.Join("; ", unread)}");
}
return Pass($"{Resource.DisplayName} trusts no deleted principal of the estate");
