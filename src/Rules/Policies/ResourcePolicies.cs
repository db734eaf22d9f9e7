using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Where AWS Config (and our collectors) keep the resource-based policy of each resource type.</summary>
public static class ResourcePolicies
{
    /// <summary>
    /// The resource's policy, or null when it has none. A policy that is present but unreadable throws
    /// <see cref="FormatException"/>: the engine reports that as an error, never as compliance.
    /// </summary>
    public static PolicyDocument? Of(Resource resource)
    {
        var (element, name) = Locate(resource);
        return IsPresent(element) ? PolicyDocument.Parse(element!.Value, $"the {name} of {resource.DisplayName}") : null;
    }

    /// <summary>
    /// Whether the resource's policy may name a tag (<c>aws:PrincipalTag/customer</c>, <c>aws:ResourceTag/…</c>): the
    /// grants the ABAC rule looks up across the account, so the account's index keeps such a resource. Judged on the
    /// text, unparsed, and on the side of keeping: an escape (<c>\u0054</c>, <c>\/</c>) could spell a tag key out of sight.
    /// </summary>
    public static bool MayNameTags(Resource resource)
    {
        if (resource.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal))
        {
            return false;
        }
        var (element, _) = Locate(resource);
        if (!IsPresent(element))
        {
            return false;
        }
        // The raw JSON, without a copy: this runs on every item a scan reads. A policy kept as a string shows its tag keys
        // there too, and an escape in it as \u (or \\u, escaped once more), both holding \u.
        var raw = JsonMarshal.GetRawUtf8Value(element!.Value);
        return NamesTag(raw) || EscapesATagLetter(raw);
    }

    /// <summary>Whether a \uXXXX escape in the text spells a letter of "tag" or a slash (any other, such as a quote, cannot hide a tag key).</summary>
    private static bool EscapesATagLetter(ReadOnlySpan<byte> text)
    {
        for (var start = 0; text[start..].IndexOf("\\u"u8) is var found and >= 0; start += found + 2)
        {
            var hex = text[(start + found + 2)..];
            if (hex.Length >= 4 && int.TryParse(hex[..4], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code)
                && code is 'T' or 't' or 'A' or 'a' or 'G' or 'g' or '/')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether <c>tag/</c> (or its slash escaped) stands in the text, in any case: condition keys are case-insensitive.</summary>
    private static bool NamesTag(ReadOnlySpan<byte> text)
    {
        for (var start = 0; text[start..].IndexOf((byte)'/') is var found and >= 0; start += found + 1)
        {
            var before = text[..(start + found)];
            before = before.TrimEnd((byte)'\\'); // tag\/, and tag\\/ in a policy kept as a string
            if (before.Length >= 3 && Ascii.EqualsIgnoreCase(before[^3..], "tag"u8))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Where the resource keeps its policy, and what AWS calls that policy.</summary>
    private static (JsonElement? Element, string Name) Locate(Resource resource) =>
        resource.Type switch
        {
            // https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html: S3 keeps
            // the bucket policy in supplementaryConfiguration.BucketPolicy.policyText.
            "AWS::S3::Bucket" => (Step(Supplementary(resource, "BucketPolicy"), "policyText"), "bucket policy"),
            "AWS::SQS::Queue" => (Config(resource, "Policy"), "queue policy"),
            "AWS::SNS::Topic" => (Config(resource, "Policy"), "topic policy"),
            "AWS::KMS::Key" => (Supplementary(resource, "Policy") ?? Config(resource, "Policy"), "key policy"),
            "AWS::Lambda::Function" => (Supplementary(resource, "Policy") ?? Config(resource, "Policy"), "function policy"),
            "AWS::IAM::Role" => (Config(resource, "AssumeRolePolicyDocument"), "trust policy"),
            // Config records a domain's access policy as AccessPolicies (OpenSearch: an object; Elasticsearch: a
            // string), as its samples show: https://github.com/awslabs/aws-config-resource-schema
            "AWS::OpenSearch::Domain" or "AWS::Elasticsearch::Domain" => (Config(resource, "AccessPolicies"), "domain access policy"),
            // The CloudFormation-shaped items Config records for these keep the policy under the CloudFormation property.
            "AWS::EFS::FileSystem" => (Config(resource, "FileSystemPolicy"), "file system policy"),
            "AWS::S3::AccessPoint" => (Config(resource, "Policy"), "access point policy"),
            "AWS::Events::EventBus" => (Config(resource, "Policy"), "event bus policy"),
            "AWS::Backup::BackupVault" => (Config(resource, "AccessPolicy"), "vault access policy"),
            "AWS::S3Express::BucketPolicy" => (Config(resource, "PolicyDocument"), "directory bucket policy"),
            // Config records a REST API as GetRestApi returns it, whose policy is a JSON string with its quotes
            // escaped once more (as recorded in cloud-custodian's tests/data/placebo/test_rest_api_has_statement).
            "AWS::ApiGateway::RestApi" => (RestApiPolicy(Config(resource, "policy")), "REST API resource policy"),
            // Read from the services' own answers, as the AWS CLI prints them (ServiceResourcePolicies).
            ServiceResourcePolicies.LogsResourcePolicy => (Config(resource, "policyDocument"), "CloudWatch Logs resource policy"),
            ServiceResourcePolicies.GlueResourcePolicy => (Config(resource, "PolicyInJson"), "Glue Data Catalog policy"),
            ServiceResourcePolicies.LayerVersion => (Supplementary(resource, "Policy"), "layer version policy"),
            ServiceResourcePolicies.DynamoDbTable => (Step(Supplementary(resource, "ResourcePolicy"), "Policy"), "table resource policy"),
            ServiceResourcePolicies.DynamoDbStream => (Step(Supplementary(resource, "ResourcePolicy"), "Policy"), "stream resource policy"),
            _ => (AnyPolicy(resource), "resource policy"),
        };

    /// <summary>A policy string that starts <c>{\"</c> holds JSON escaped as a string's contents: decode it once.</summary>
    private static JsonElement? RestApiPolicy(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.String } text || text.GetString() is not { } policy
            || !policy.TrimStart().StartsWith("{\\\"", StringComparison.Ordinal))
        {
            return element;
        }
        try
        {
            return JsonSerializer.SerializeToElement(JsonSerializer.Deserialize<string>($"\"{policy.Trim()}\""));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the REST API's policy is neither JSON nor an escaped JSON string: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Where a type without its own entry may keep a policy: the first present of the configuration's <c>Policy</c>,
    /// <c>PolicyText</c>, <c>RepositoryPolicyText</c> and <c>ResourcePolicy</c> (found in one walk over it), then the
    /// supplementary configuration's <c>Policy</c> and <c>ResourcePolicy</c>; null when none is. Asked of every item a
    /// scan reads (<see cref="MayNameTags"/>): no array of candidates, and no lookup after the first present.
    /// </summary>
    private static JsonElement? AnyPolicy(Resource resource)
    {
        var found = new ConfigurationPolicies();
        AnyPolicyNames.Find(JsonPath.Unwrap(resource.Configuration), found);
        foreach (var candidate in found)
        {
            if (IsPresent(candidate))
            {
                return candidate;
            }
        }
        return Supplementary(resource, "Policy") is var policy && IsPresent(policy) ? policy
            : Supplementary(resource, "ResourcePolicy") is var resourcePolicy && IsPresent(resourcePolicy) ? resourcePolicy
            : null;
    }

    private static readonly PropertyWalk AnyPolicyNames = new("Policy", "PolicyText", "RepositoryPolicyText", "ResourcePolicy");

    /// <summary>A value for each of <see cref="AnyPolicyNames"/>' names (Undefined when absent).</summary>
    [InlineArray(4)]
    private struct ConfigurationPolicies
    {
        private JsonElement _value;
    }

    /// <summary>As <see cref="Resource.Config"/> with a path of one name, without an array for it.</summary>
    private static JsonElement? Config(Resource resource, string name) => Step(resource.Configuration, name);

    /// <summary>As <see cref="Resource.Supplementary"/> with no path.</summary>
    private static JsonElement? Supplementary(Resource resource, string key) =>
        resource.SupplementaryConfiguration.TryGetValue(key, out var value) ? value : null;

    /// <summary>One step of <see cref="JsonPath.Find"/>: the property of the value (a string holding JSON looked into).</summary>
    private static JsonElement? Step(JsonElement? from, string name) =>
        from is { } value && JsonPath.TryGetProperty(JsonPath.Unwrap(value), name, out var found) ? found : null;

    private static bool IsPresent(JsonElement? element) => element switch
    {
        null => false,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => false,
        { ValueKind: JsonValueKind.String } e => !IsBlank(e),
        _ => true,
    };

    /// <summary>
    /// Whether a JSON string is empty or white space, as <see cref="string.IsNullOrWhiteSpace"/> says of its text: looked
    /// at in the raw text (a policy starts with a brace), its text made only when an escape or a non-ASCII byte comes first.
    /// </summary>
    private static bool IsBlank(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        foreach (var b in raw[1..^1])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f')
            {
                continue;
            }
            return (b >= 0x80 || b == (byte)'\\') && string.IsNullOrWhiteSpace(text.GetString());
        }
        return true;
    }
}
