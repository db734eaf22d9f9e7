using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The resource policies Config does not record: CloudWatch Logs' DescribeResourcePolicies and Glue's
/// GetResourcePolicies over JSON 1.1, Lambda's ListLayers and GetLayerVersionPolicy over REST-JSON (GETs, the input in
/// the path and query string). Each pages as its model says (limit 1-50, MaxResults 1-1000, MaxItems 1-50).
/// </summary>
internal sealed partial class ServicePolicyHandler(ServedEstate estate, int maxPage)
{
    private const string LayersPath = "/2018-10-31/layers";

    /// <summary>The Lambda operation a GET path names, or null for another path.</summary>
    public static string? LambdaOperationOf(string method, string path) => method != "GET" ? null
        : path == LayersPath ? "ListLayers"
        : LayerPolicyPath().IsMatch(path) ? "GetLayerVersionPolicy"
        : null;

    /// <summary>A Lambda GET's input as the model names its members (query and URI members), as JSON; null for another request.</summary>
    public static byte[]? LambdaInput(string method, string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var operation = LambdaOperationOf(method, path);
        if (operation is null)
        {
            return null;
        }
        var input = new JsonObject();
        foreach (var (name, value) in query)
        {
            input[name] = long.TryParse(value, out var number) ? number : value;
        }
        if (operation == "GetLayerVersionPolicy")
        {
            var match = LayerPolicyPath().Match(path);
            input["LayerName"] = Uri.UnescapeDataString(match.Groups["name"].Value);
            input["VersionNumber"] = long.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return Encoding.UTF8.GetBytes(input.ToJsonString());
    }

    public Reply Handle(string service, RequestScope scope)
    {
        var policies = estate.Accounts.GetValueOrDefault(scope.Account)?.ResourcePolicies;
        return (service, scope.Operation) switch
        {
            ("logs", "DescribeResourcePolicies") => Page(scope, policies?.Logs, "resourcePolicies", "limit", 50, "nextToken", "nextToken", rest: false),
            ("glue", "GetResourcePolicies") => Page(scope, policies?.Glue, "GetResourcePoliciesResponseList", "MaxResults", 1000, "NextToken", "NextToken", rest: false),
            ("lambda", "ListLayers") => Page(scope, policies?.Layers, "Layers", "MaxItems", 50, "Marker", "NextMarker", rest: true),
            ("lambda", "GetLayerVersionPolicy") => LayerPolicy(scope, policies),
            ("lambda", _) => Reply.RestJsonError(404, "UnknownOperationException", $"unknown operation {scope.Operation}"),
            _ => Reply.JsonError(400, "UnknownOperationException", $"unknown operation {scope.Operation}"),
        };
    }

    private Reply Page(RequestScope scope, Dictionary<string, List<JsonObject>>? served, string listName, string sizeName, int largest,
        string tokenName, string nextName, bool rest)
    {
        // Lambda (REST-JSON) names a bad parameter InvalidParameterValueException; Logs and Glue (JSON 1.1) InvalidParameterException.
        Reply Invalid(string message) => rest ? Reply.RestJsonError(400, "InvalidParameterValueException", message) : Reply.JsonError(400, "InvalidParameterException", message);
        var size = scope.Int(sizeName, maxPage);
        if (size < 1 || size > largest)
        {
            return Invalid($"{sizeName} must be between 1 and {largest}");
        }
        var offset = PageToken.Read(scope.Text(tokenName));
        if (offset is null)
        {
            return Invalid($"The specified {tokenName} is not valid.");
        }
        var all = served is not null && served.TryGetValue(scope.Region, out var items) ? items : [];
        var (page, next) = PageToken.Slice(all, offset.Value, Math.Min(size, maxPage));
        var answer = new JsonObject { [listName] = new JsonArray(page.Select(i => i.DeepClone()).ToArray()) };
        if (next is not null)
        {
            answer[nextName] = next;
        }
        return rest ? Reply.RestJson(answer) : Reply.Json(answer);
    }

    private static Reply LayerPolicy(RequestScope scope, ServedPolicies? policies)
    {
        var name = scope.Text("LayerName") ?? "";
        var version = scope.Text("VersionNumber") ?? "";
        var layer = policies is not null && policies.Layers.TryGetValue(scope.Region, out var layers)
            ? layers.FirstOrDefault(l => l["LayerName"]?.GetValue<string>() == name && l["LatestMatchingVersion"]?["Version"]?.ToString() == version)
            : null;
        var arn = layer?["LatestMatchingVersion"]?["LayerVersionArn"]?.GetValue<string>();
        if (arn is null)
        {
            return Reply.RestJsonError(404, "ResourceNotFoundException", $"Layer version {name}:{version} does not exist.");
        }
        return policies!.LayerVersionPolicies.TryGetValue(arn, out var policy)
            ? Reply.RestJson(new JsonObject { ["Policy"] = policy, ["RevisionId"] = $"rev-{policy.Length:x8}-4b2c-8f3e-{version}" })
            : Reply.RestJsonError(404, "ResourceNotFoundException", "No policy is associated with the given resource.");
    }

    [GeneratedRegex("^/2018-10-31/layers/(?<name>[^/]+)/versions/(?<version>[0-9]+)/policy$")]
    private static partial Regex LayerPolicyPath();
}
