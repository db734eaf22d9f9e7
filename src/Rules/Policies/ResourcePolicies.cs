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
        var (element, name) = resource.Type switch
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
            _ => (FirstPresent(
                resource.Config("Policy"), resource.Config("PolicyText"), resource.Config("RepositoryPolicyText"),
                resource.Config("ResourcePolicy"), resource.Supplementary("Policy"), resource.Supplementary("ResourcePolicy")), "resource policy"),
        };
        return IsPresent(element) ? PolicyDocument.Parse(element!.Value, $"the {name} of {resource.DisplayName}") : null;
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
