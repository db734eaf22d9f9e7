using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Turns IAM's XML into the JSON the AWS CLI prints for it. XML carries no types, so the member
/// names that are lists, numbers, booleans and policy documents come from IAM's service model
/// (the output shapes of GetAccountAuthorizationDetails and GetServiceLastAccessedDetails). Policy documents arrive URL-encoded
/// (RFC 3986) and are decoded to JSON objects, as the CLI does.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
/// </summary>
internal static class IamXml
{
    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal)
    {
        "AttachedManagedPolicies", "GroupDetailList", "GroupList", "GroupPolicyList", "InstanceProfileList", "Policies",
        "PolicyVersionList", "RoleDetailList", "RolePolicyList", "Roles", "ServicesLastAccessed", "Tags", "TrackedActionsLastAccessed", "UserDetailList",
        "UserPolicyList",
    };

    private static readonly HashSet<string> Numbers = new(StringComparer.Ordinal) { "AttachmentCount", "MaxSessionDuration", "PermissionsBoundaryUsageCount", "TotalAuthenticatedEntities" };
    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal) { "IsAttachable", "IsDefaultVersion", "IsTruncated" };
    private static readonly HashSet<string> Documents = new(StringComparer.Ordinal) { "AssumeRolePolicyDocument", "Document", "PolicyDocument" };

    public static JsonObject ToJson(XElement result) => (JsonObject)Structure(result);

    private static JsonNode Structure(XElement element)
    {
        var output = new JsonObject();
        foreach (var child in element.Elements())
        {
            output[child.Name.LocalName] = Member(child);
        }
        return output;
    }

    private static JsonNode? Member(XElement element)
    {
        var name = element.Name.LocalName;
        if (Lists.Contains(name))
        {
            return new JsonArray(element.Elements().Where(e => e.Name.LocalName == "member").Select(Value).ToArray());
        }
        if (Numbers.Contains(name) && double.TryParse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number % 1 == 0 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        if (Booleans.Contains(name))
        {
            return JsonValue.Create(string.Equals(element.Value, "true", StringComparison.OrdinalIgnoreCase));
        }
        if (Documents.Contains(name))
        {
            return Document(element.Value);
        }
        return Value(element);
    }

    private static JsonNode? Value(XElement element) =>
        element.HasElements ? Structure(element) : JsonValue.Create(element.Value);

    private static JsonNode? Document(string encoded)
    {
        var text = Uri.UnescapeDataString(encoded);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON after decoding: keep the text, the policy parser reports it with the resource.
            return JsonValue.Create(text);
        }
    }
}
