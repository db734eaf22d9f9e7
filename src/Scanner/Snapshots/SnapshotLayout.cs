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

    public static string Tagging(string account) => Path.Combine(account, TaggingFolder);

    /// <summary><c>ACCOUNT/tagging/REGION.json</c>: <c>aws resourcegroupstaggingapi get-resources</c>.</summary>
    public static string TaggingFile(string account, string region) => Path.Combine(account, TaggingFolder, region + ".json");

    public static string Quotas(string account) => Path.Combine(account, QuotasFolder);

    /// <summary><c>ACCOUNT/quotas/REGION/SERVICE-CODE.json</c>: <c>aws service-quotas list-service-quotas</c>.</summary>
    public static string QuotaFile(string account, string region, string serviceCode) => Path.Combine(account, QuotasFolder, region, serviceCode + ".json");

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountFolderName();
}
