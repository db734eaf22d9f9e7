using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Who an EBS snapshot or AMI is shared with: <c>DescribeSnapshotAttribute</c> (createVolumePermission) and
/// <c>DescribeImageAttribute</c> (launchPermission), one snapshot or image per request, answered whole (they do not page).
/// Served from <see cref="ServedAccount.Network"/> as the CLI prints them, under <c>describe-snapshot-attribute/SNAPSHOT</c>
/// and <c>describe-image-attribute/IMAGE</c>; the lists (<c>describe-snapshots</c>, <c>describe-images</c>) are served as
/// every other Describe is.
/// </summary>
internal sealed partial class Ec2Handler
{
    private static readonly Dictionary<string, (string IdName, string Attribute, string NotFound)> Attributes = new(StringComparer.Ordinal)
    {
        ["DescribeSnapshotAttribute"] = ("SnapshotId", "createVolumePermission", "InvalidSnapshot.NotFound"),
        ["DescribeImageAttribute"] = ("ImageId", "launchPermission", "InvalidAMIID.NotFound"),
    };

    /// <summary>The answer to an attribute call, or null when the operation is not one.</summary>
    private Reply? Attribute(RequestScope scope, JsonObject shapes, JsonObject operation)
    {
        if (!Attributes.TryGetValue(scope.Operation, out var call))
        {
            return null;
        }
        if (!scope.Form.TryGetValue(call.IdName, out var id) || !scope.Form.TryGetValue("Attribute", out var attribute))
        {
            return Error(400, "MissingParameter", $"The request must contain the parameters {call.IdName} and Attribute");
        }
        if (attribute != call.Attribute)
        {
            // The model allows other attributes (productCodes, ...); the collector asks for this one only.
            return Error(400, "InvalidParameterValue", $"This test server answers {scope.Operation} for the attribute {call.Attribute} only, not {attribute}");
        }
        var served = estate.Accounts.GetValueOrDefault(scope.Account)?.Network.GetValueOrDefault(scope.Region)?.GetValueOrDefault($"{Command(scope.Operation)}/{id}");
        return served is null
            ? Error(400, call.NotFound, $"The {call.IdName} '{id}' does not exist.")
            : Ok(scope.Operation, Ns, Members(shapes, operation["output"]!["shape"]!.GetValue<string>(), served));
    }
}
