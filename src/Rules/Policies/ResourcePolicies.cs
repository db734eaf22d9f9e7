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
            "AWS::S3::Bucket" => (resource.Supplementary("BucketPolicy", "policyText"), "bucket policy"),
            "AWS::SQS::Queue" => (resource.Config("Policy"), "queue policy"),
            "AWS::SNS::Topic" => (resource.Config("Policy"), "topic policy"),
            "AWS::KMS::Key" => (resource.Supplementary("Policy") ?? resource.Config("Policy"), "key policy"),
            "AWS::Lambda::Function" => (resource.Supplementary("Policy") ?? resource.Config("Policy"), "function policy"),
            "AWS::IAM::Role" => (resource.Config("AssumeRolePolicyDocument"), "trust policy"),
            // Config records a domain's access policy as AccessPolicies (OpenSearch: an object; Elasticsearch: a
            // string), as its samples show: https://github.com/awslabs/aws-config-resource-schema
            "AWS::OpenSearch::Domain" or "AWS::Elasticsearch::Domain" => (resource.Config("AccessPolicies"), "domain access policy"),
            // The CloudFormation-shaped items Config records for these keep the policy under the CloudFormation property.
            "AWS::EFS::FileSystem" => (resource.Config("FileSystemPolicy"), "file system policy"),
            "AWS::S3::AccessPoint" => (resource.Config("Policy"), "access point policy"),
            "AWS::Events::EventBus" => (resource.Config("Policy"), "event bus policy"),
            "AWS::Backup::BackupVault" => (resource.Config("AccessPolicy"), "vault access policy"),
            "AWS::S3Express::BucketPolicy" => (resource.Config("PolicyDocument"), "directory bucket policy"),
            // Config records a REST API as GetRestApi returns it, whose policy is a JSON string with its quotes
            // escaped once more (as recorded in cloud-custodian's tests/data/placebo/test_rest_api_has_statement).
            "AWS::ApiGateway::RestApi" => (RestApiPolicy(resource.Config("policy")), "REST API resource policy"),
            // Read from the services' own answers, as the AWS CLI prints them (ServiceResourcePolicies).
            ServiceResourcePolicies.LogsResourcePolicy => (resource.Config("policyDocument"), "CloudWatch Logs resource policy"),
            ServiceResourcePolicies.GlueResourcePolicy => (resource.Config("PolicyInJson"), "Glue Data Catalog policy"),
            ServiceResourcePolicies.LayerVersion => (resource.Supplementary("Policy"), "layer version policy"),
            ServiceResourcePolicies.DynamoDbTable => (resource.Supplementary("ResourcePolicy", "Policy"), "table resource policy"),
            ServiceResourcePolicies.DynamoDbStream => (resource.Supplementary("ResourcePolicy", "Policy"), "stream resource policy"),
            _ => (FirstPresent(
                resource.Config("Policy"), resource.Config("PolicyText"), resource.Config("RepositoryPolicyText"),
                resource.Config("ResourcePolicy"), resource.Supplementary("Policy"), resource.Supplementary("ResourcePolicy")), "resource policy"),
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

    private static JsonElement? FirstPresent(params JsonElement?[] candidates) => candidates.FirstOrDefault(IsPresent);

    private static bool IsPresent(JsonElement? element) => element switch
    {
        null => false,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => false,
        { ValueKind: JsonValueKind.String } e => !string.IsNullOrWhiteSpace(e.GetString()),
        _ => true,
    };
}
