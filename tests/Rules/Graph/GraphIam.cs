using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>Users and roles as AWS Config records them, each with one inline policy of the statements given: the graph tests' estates.</summary>
internal static class GraphIam
{
    public static string Arn(string account, string kind, string name) => $"arn:aws:iam::{account}:{kind}/{name}";

    public static Resource User(string account, string name, params string[] statements) => Item(account, "AWS::IAM::User", "user", name, new Dictionary<string, object?>
    {
        ["userName"] = name, ["groupList"] = Array.Empty<object>(), ["attachedManagedPolicies"] = Array.Empty<object>(),
        ["userPolicyList"] = new[] { Inline(name, statements) },
    });

    /// <param name="trust">The trust policy's statements, joined.</param>
    public static Resource Role(string account, string name, string trust, params string[] statements) => Item(account, "AWS::IAM::Role", "role", name, new Dictionary<string, object?>
    {
        ["roleName"] = name, ["attachedManagedPolicies"] = Array.Empty<object>(),
        ["assumeRolePolicyDocument"] = JsonDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{trust}}]}""").RootElement,
        ["rolePolicyList"] = new[] { Inline(name, statements) },
    });

    private static object Inline(string name, string[] statements) => new Dictionary<string, object>
    {
        ["policyName"] = name + "-policy",
        ["policyDocument"] = JsonDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""").RootElement,
    };

    private static Resource Item(string account, string type, string kind, string name, Dictionary<string, object?> configuration) =>
        ConfigurationItems.ToResource(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["resourceType"] = type, ["resourceId"] = "ID" + account + name.ToUpperInvariant(), ["resourceName"] = name, ["ARN"] = Arn(account, kind, name),
            ["awsAccountId"] = account, ["awsRegion"] = "global", ["configuration"] = configuration,
        }));
}
