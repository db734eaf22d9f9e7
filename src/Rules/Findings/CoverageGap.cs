namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// Something that could not be collected. Resources in its scope are NotAssessed, never clean.
/// <see cref="Region"/> is null when the whole account is out of reach.
/// </summary>
public sealed record CoverageGap(string AccountId, string? Region, string Source, string Reason)
{
    /// <summary>Sources of data; a gap in one affects the rules that read it.</summary>
    public static class Sources
    {
        public const string AssumeRole = "sts:AssumeRole";
        public const string Config = "config";
        public const string Iam = "iam";
        public const string Tagging = "tagging";
        public const string Quotas = "servicequotas";
        public const string Snapshot = "snapshot";

        /// <summary>AWS RAM's shares of one region: only the shares themselves become NotAssessed.</summary>
        public const string Ram = "ram";

        /// <summary>
        /// AWS Organizations (roots, OUs, SCPs, RCPs): nothing becomes NotAssessed, since no resource is read from
        /// it; the IAM and segregation verdicts are judged without SCPs and RCPs and say so.
        /// </summary>
        public const string Organizations = "organizations";

        /// <summary>
        /// IAM's service-last-accessed job of one principal (named in the reason): nothing of the account becomes
        /// NotAssessed by it; the unused-access rules find that principal's data missing and say NotAssessed themselves.
        /// </summary>
        public const string ServiceLastAccessed = "iam:service-last-accessed";

        /// <summary>
        /// The EC2 network outputs (VPCs, route tables, transit gateways): no resource is read from them, so nothing
        /// becomes NotAssessed here; the network rules say NotAssessed where a path could hide (docs/network.md).
        /// </summary>
        public const string Network = "ec2-network";
    }

    /// <summary>Whether a resource of this account, region and type would have been read from the missing source.</summary>
    public bool Covers(string accountId, string region, string resourceType)
    {
        if (accountId != AccountId || (Region is not null && Region != region && region != "global"))
        {
            return false;
        }
        return Source switch
        {
            Sources.Organizations or Sources.ServiceLastAccessed or Sources.Network => false,
            Sources.Iam => resourceType.StartsWith("AWS::IAM::", StringComparison.Ordinal),
            Sources.Quotas => resourceType == Resources.ResourceTypeNames.Quota,
            Sources.Ram => resourceType == Resources.ResourceTypeNames.ResourceShare,
            Sources.Config or Sources.Tagging => !resourceType.StartsWith("AWS::IAM::", StringComparison.Ordinal)
                                                 && resourceType != Resources.ResourceTypeNames.Quota
                                                 && resourceType != Resources.ResourceTypeNames.ResourceShare,
            _ => true,
        };
    }
}
