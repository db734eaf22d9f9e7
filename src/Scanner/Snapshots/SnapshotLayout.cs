using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Every path of the snapshot format, in one place: what <c>collect</c> and the demo write and what
/// <see cref="SnapshotReader"/> reads (README, "Scanning a snapshot"). Each file holds what the AWS CLI
/// prints for one call, so that a file written by the official CLI can be dropped in unchanged.
/// </summary>
internal static partial class SnapshotLayout
{
    /// <summary>The estate the snapshot was collected for; <c>scan</c> uses it unless --config names another.</summary>
    public const string EstateFile = "guardrails.yaml";

    /// <summary>When the snapshot was collected, and what could not be (the coverage gaps).</summary>
    public const string CollectionFile = "collection.json";

    public const string ConfigFolder = "config";
    public const string TaggingFolder = "tagging";
    public const string QuotasFolder = "quotas";

    /// <summary>An account's folder is named by its twelve-digit id.</summary>
    public static bool IsAccountFolder(string name) => AccountFolderName().IsMatch(name);

    public static string Account(string snapshot, string accountId) => Path.Combine(snapshot, accountId);

    /// <summary><c>ACCOUNT/config/</c>: AWS Config snapshot files, batch-get-resource-config or select-resource-config output.</summary>
    public static string Config(string account) => Path.Combine(account, ConfigFolder);

    /// <summary><c>ACCOUNT/config/REGION.json</c>, as <c>collect</c> names it (the demo splits large regions into REGION-N.json).</summary>
    public static string ConfigFile(string account, string region) => Path.Combine(account, ConfigFolder, region + ".json");

    /// <summary><c>ACCOUNT/iam/authorization-details.json</c>: <c>aws iam get-account-authorization-details</c>.</summary>
    public static string AuthorizationDetails(string account) => Path.Combine(account, "iam", "authorization-details.json");

    /// <summary><c>ACCOUNT/iam/credential-report.csv</c>: the decoded <c>aws iam get-credential-report</c>.</summary>
    public static string CredentialReport(string account) => Path.Combine(account, "iam", "credential-report.csv");

    /// <summary>
    /// <c>ACCOUNT/iam/service-last-accessed/KIND/NAME.json</c> (KIND <c>role</c> or <c>user</c>): <c>aws iam
    /// get-service-last-accessed-details</c> of the job <c>aws iam generate-service-last-accessed-details --arn</c> started
    /// for that principal. Null for a name IAM would not allow: names arrive in AWS's answers and must never name a
    /// file outside the snapshot.
    /// </summary>
    public static string? ServiceLastAccessed(string account, string kind, string name) =>
        kind is "role" or "user" && PrincipalName().IsMatch(name) && name.Trim('.').Length > 0
            ? Path.Combine(account, "iam", "service-last-accessed", kind, name + ".json")
            : null;

    public static string Tagging(string account) => Path.Combine(account, TaggingFolder);

    /// <summary><c>ACCOUNT/tagging/REGION.json</c>: <c>aws resourcegroupstaggingapi get-resources</c>.</summary>
    public static string TaggingFile(string account, string region) => Path.Combine(account, TaggingFolder, region + ".json");

    public static string Quotas(string account) => Path.Combine(account, QuotasFolder);

    /// <summary><c>ACCOUNT/quotas/REGION/SERVICE-CODE.json</c>: <c>aws service-quotas list-service-quotas</c>.</summary>
    public static string QuotaFile(string account, string region, string serviceCode) => Path.Combine(account, QuotasFolder, region, serviceCode + ".json");

    public const string RamFolder = "ram";

    /// <summary>The AWS CLI commands of <c>ACCOUNT/ram/REGION/</c>, each run with <c>--resource-owner SELF</c>.</summary>
    public static class RamCommands
    {
        public const string Shares = "get-resource-shares";
        public const string Resources = "list-resources";
        public const string Principals = "list-principals";

        public static readonly IReadOnlyList<string> All = [Shares, Resources, Principals];
    }

    /// <summary>
    /// <c>ACCOUNT/ram/REGION/COMMAND.json</c>: <c>aws ram COMMAND --resource-owner SELF</c> (get-resource-shares,
    /// list-resources, list-principals): the shares the account owns in the region, what they share and with whom.
    /// </summary>
    public static string RamFile(string account, string region, string command) =>
        Path.Combine(account, RamFolder, NetworkId(region, RegionName()), command + ".json");

    public const string NetworkFolder = "network";

    /// <summary><c>ACCOUNT/network/</c>: the EC2 network outputs, a folder per region (docs/network.md).</summary>
    public static string Network(string account) => Path.Combine(account, NetworkFolder);

    /// <summary><c>ACCOUNT/network/REGION/COMMAND.json</c>: <c>aws ec2 COMMAND</c> (describe-vpcs, describe-route-tables, …).</summary>
    public static string NetworkFile(string account, string region, string command) =>
        Path.Combine(account, NetworkFolder, NetworkId(region, RegionName()), command + ".json");

    /// <summary>
    /// <c>ACCOUNT/network/REGION/search-transit-gateway-routes/TABLE.json</c>: <c>aws ec2 search-transit-gateway-routes
    /// --transit-gateway-route-table-id TABLE --filters Name=type,Values=static,propagated</c>.
    /// </summary>
    public static string GatewayRoutesFile(string account, string region, string tableId) => NetworkItemFile(account, region, "search-transit-gateway-routes", tableId);

    /// <summary>
    /// <c>ACCOUNT/network/REGION/COMMAND/ID.json</c>: a call about one thing, named after its id:
    /// <c>search-transit-gateway-routes/TGW-RTB-ID</c> (and <c>get-transit-gateway-route-table-associations/</c>, <c>-propagations/</c>),
    /// <c>describe-vpc-endpoint-service-permissions/VPCE-SVC-ID</c>.
    /// </summary>
    public static string NetworkItemFile(string account, string region, string command, string id) =>
        Path.Combine(account, NetworkFolder, NetworkId(region, RegionName()), command, NetworkId(id, NetworkItemId()) + ".json");

    /// <summary>Whether a folder of <c>network/</c> is named as a region is.</summary>
    public static bool IsRegion(string name) => RegionName().IsMatch(name);

    /// <summary>Whether a name is the id of a transit gateway route table or an endpoint service (a file is named after one).</summary>
    public static bool IsNetworkId(string name) => NetworkItemId().IsMatch(name);

    private static string NetworkId(string id, Regex pattern) =>
        pattern.IsMatch(id) ? id : throw new SnapshotFormatException($"'{id}' is not a region or EC2 id of the expected kind");

    /// <summary>
    /// <c>organizations/</c>, beside the account folders: the AWS organisation, one file per AWS CLI call, in a
    /// folder named after the command, each file named after the id the call was asked about.
    /// </summary>
    public const string OrganizationsFolder = "organizations";

    public static string Organizations(string snapshot) => Path.Combine(snapshot, OrganizationsFolder);

    /// <summary><c>organizations/list-roots.json</c>: <c>aws organizations list-roots</c>.</summary>
    public static string OrganizationRoots(string snapshot) => Path.Combine(snapshot, OrganizationsFolder, "list-roots.json");

    /// <summary><c>organizations/list-organizational-units-for-parent/PARENT.json</c>: <c>aws organizations list-organizational-units-for-parent --parent-id PARENT</c>.</summary>
    public static string OrganizationalUnits(string snapshot, string parentId) =>
        Path.Combine(snapshot, OrganizationsFolder, "list-organizational-units-for-parent", OrganizationId(parentId, OrganizationParent()) + ".json");

    /// <summary><c>organizations/list-accounts-for-parent/PARENT.json</c>: <c>aws organizations list-accounts-for-parent --parent-id PARENT</c>.</summary>
    public static string OrganizationAccounts(string snapshot, string parentId) =>
        Path.Combine(snapshot, OrganizationsFolder, "list-accounts-for-parent", OrganizationId(parentId, OrganizationParent()) + ".json");

    /// <summary>
    /// <c>organizations/list-policies-for-target/TARGET/FILTER.json</c>: <c>aws organizations list-policies-for-target
    /// --target-id TARGET --filter FILTER</c> (<c>SERVICE_CONTROL_POLICY</c> or <c>RESOURCE_CONTROL_POLICY</c>).
    /// </summary>
    public static string PoliciesForTarget(string snapshot, string targetId, string filter) =>
        Path.Combine(snapshot, OrganizationsFolder, "list-policies-for-target", OrganizationId(targetId, OrganizationTarget()), OrganizationId(filter, PolicyFilter()) + ".json");

    /// <summary><c>organizations/describe-policy/POLICY.json</c>: <c>aws organizations describe-policy --policy-id POLICY</c>.</summary>
    public static string OrganizationPolicy(string snapshot, string policyId) =>
        Path.Combine(snapshot, OrganizationsFolder, "describe-policy", OrganizationId(policyId, PolicyId()) + ".json");

    /// <summary>
    /// An id as AWS's model defines it, or an error: ids arrive in AWS's answers, and one that is not an id (a path,
    /// "..") must never name a file outside the snapshot.
    /// </summary>
    private static string OrganizationId(string id, Regex pattern) =>
        pattern.IsMatch(id) ? id : throw new SnapshotFormatException($"'{id}' is not an AWS Organizations id of the expected kind");

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^(tgw-rtb|vpce-svc)-[0-9a-f]{8,17}$")]
    private static partial Regex NetworkItemId();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountFolderName();

    // IAM's user and role names (botocore's userNameType and roleNameType, 1-64; 128 leaves room for either).
    [GeneratedRegex("^[\\w+=,.@-]{1,128}\\z")]
    private static partial Regex PrincipalName();

    // The id patterns of botocore's model of Organizations (ParentId, PolicyTargetId, PolicyId, PolicyType).
    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    private static partial Regex OrganizationParent();

    [GeneratedRegex("^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    private static partial Regex OrganizationTarget();

    [GeneratedRegex("^p-[0-9a-zA-Z_]{8,128}$")]
    private static partial Regex PolicyId();

    [GeneratedRegex("^[A-Z_]{1,64}$")]
    private static partial Regex PolicyFilter();
}
