namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// AWS's published SCP and RCP examples (aws-samples, tests/data/real/organizations), with their placeholders
/// filled for a test's organisation; the files themselves stay as published.
/// </summary>
internal static class OrganizationExamples
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(RepoPaths.TestData, "real", "organizations", name));

    /// <summary>Denies creating users, access keys and login profiles to every principal but the privileged role.</summary>
    public static string DenyCriticalIamUserActions(string privilegedRoleArn) =>
        Read("service-control-policy-examples/Deny-critical-IAM-user-actions.json")
            .Replace("arn:aws:iam::${Account}:role/[PRIVILEGED_ROLE]", privilegedRoleArn, StringComparison.Ordinal);

    /// <summary>Denies changing the privileged policies (by path) to every principal but the privileged role.</summary>
    public static string RestrictPrivilegedPolicies(string policyPath, string privilegedRoleArn) =>
        Read("service-control-policy-examples/Restrict-deletion-and-modification-of-privileged-policies.json")
            .Replace("[PRIVILEGED_POLICY_PATH/*]", policyPath, StringComparison.Ordinal)
            .Replace("arn:aws:iam::${Account}:role/[PRIVILEGED_ROLE]", privilegedRoleArn, StringComparison.Ordinal);

    /// <summary>Denies the resources of an OU to principals outside it (the intra-organisation boundary).</summary>
    public static string IntraOrganizationBoundary(string organizationId, string rootId, string unitId) =>
        Read("resource-control-policy-examples/Deny-access-to-resources-in-an-organizational-unit,except-for-principals-from-the-same-or-specified-organizational-unit.json")
            .Replace("o-orgid/r-acroot/ou-development", $"{organizationId}/{rootId}/{unitId}", StringComparison.Ordinal);
}
