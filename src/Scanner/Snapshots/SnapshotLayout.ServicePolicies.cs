using System.Globalization;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>The resource policies AWS Config does not record, each file what the AWS CLI prints for one call.</summary>
internal static partial class SnapshotLayout
{
    public const string LogsFolder = "logs";
    public const string GlueFolder = "glue";
    public const string LambdaFolder = "lambda";

    public const string LogsPoliciesCommand = "describe-resource-policies";
    public const string GluePoliciesCommand = "get-resource-policies";
    public const string LayersCommand = "list-layers";
    public const string LayerPolicyCommand = "get-layer-version-policy";

    /// <summary><c>ACCOUNT/logs/REGION/describe-resource-policies.json</c>: <c>aws logs describe-resource-policies</c>.</summary>
    public static string LogsPoliciesFile(string account, string region) =>
        Path.Combine(account, LogsFolder, NetworkId(region, RegionName()), LogsPoliciesCommand + ".json");

    /// <summary><c>ACCOUNT/glue/REGION/get-resource-policies.json</c>: <c>aws glue get-resource-policies</c>.</summary>
    public static string GluePoliciesFile(string account, string region) =>
        Path.Combine(account, GlueFolder, NetworkId(region, RegionName()), GluePoliciesCommand + ".json");

    /// <summary><c>ACCOUNT/lambda/REGION/list-layers.json</c>: <c>aws lambda list-layers</c>.</summary>
    public static string LayersFile(string account, string region) =>
        Path.Combine(account, LambdaFolder, NetworkId(region, RegionName()), LayersCommand + ".json");

    /// <summary>
    /// <c>ACCOUNT/lambda/REGION/get-layer-version-policy/NAME/VERSION.json</c>: <c>aws lambda get-layer-version-policy
    /// --layer-name NAME --version-number VERSION</c>; <c>{}</c> when Lambda answers ResourceNotFoundException (the
    /// version has no policy). The name arrives in AWS's answers: one Lambda would not allow is refused, never a path.
    /// </summary>
    public static string LayerPolicyFile(string account, string region, string layerName, long version) =>
        LayerName().IsMatch(layerName) && version > 0
            ? Path.Combine(account, LambdaFolder, NetworkId(region, RegionName()), LayerPolicyCommand, layerName, version.ToString(CultureInfo.InvariantCulture) + ".json")
            : throw new SnapshotFormatException($"'{layerName}' version {version} is not a Lambda layer name and version number");

    /// <summary>Whether a name is a layer's name as Lambda allows it (a file is named after it).</summary>
    public static bool IsLayerName(string name) => LayerName().IsMatch(name);

    // Lambda's LayerName without the ARN form (botocore's model: [a-zA-Z0-9-_]+, at most 140).
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,140}\\z")]
    private static partial Regex LayerName();
}
