using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Reads <c>aws iam get-account-authorization-details</c> output (one page, or a list of pages) into
/// IAM resources: AWS::IAM::User, Role, Group and Policy, each with its entry as AWS gave it for
/// <see cref="Resource.Configuration"/>. Documents may be JSON objects (CLI) or URL-encoded strings
/// (raw query API); the policy parser accepts both. AWS managed policies get the account id "aws", as
/// their ARN says: rules leave them alone, they are there to be looked up.
/// See https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
/// </summary>
public static class AuthorizationDetails
{
    /// <summary>The account id in the ARN of an AWS managed policy (<c>arn:aws:iam::aws:policy/...</c>).</summary>
    public const string AwsAccount = "aws";

    private static readonly (string List, string Type, string Name, string Id)[] Lists =
    [
        ("UserDetailList", "AWS::IAM::User", "UserName", "UserId"),
        ("GroupDetailList", "AWS::IAM::Group", "GroupName", "GroupId"),
        ("RoleDetailList", "AWS::IAM::Role", "RoleName", "RoleId"),
        ("Policies", "AWS::IAM::Policy", "PolicyName", "PolicyId"),
    ];

    /// <param name="withTags">
    /// Whether each entry's tags are read into <see cref="Resource.Tags"/>: the principal graph reads none of them (its
    /// IAM read skips a dictionary for each of an account's thousands of entries); they stay in the configuration.
    /// </param>
    public static IReadOnlyList<Resource> ToResources(JsonElement root, bool withTags = true)
    {
        root = JsonPath.Unwrap(root);
        var pages = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var resources = new List<Resource>();
        foreach (var page in pages)
        {
            foreach (var (list, type, nameKey, idKey) in Lists)
            {
                if (JsonPath.Find(page, list) is not { ValueKind: JsonValueKind.Array } entries)
                {
                    continue;
                }
                resources.AddRange(entries.EnumerateArray().Select(entry => ToResource(entry, type, nameKey, idKey, withTags)));
            }
        }
        return resources;
    }

    private static Resource ToResource(JsonElement entry, string type, string nameKey, string idKey, bool withTags)
    {
        var arnText = Text(entry, "Arn") ?? throw new FormatException($"an {type} entry of the authorization details has no Arn");
        if (!Arn.TryParse(arnText, out var arn))
        {
            throw new FormatException($"'{arnText}' in the authorization details is not an ARN");
        }
        var name = Text(entry, nameKey) ?? arn.ResourceId;
        return new Resource
        {
            Type = type,
            Arn = arnText.Trim(),
            Id = Text(entry, idKey) ?? name,
            Name = name,
            AccountId = arn.AccountId,
            Region = "global",
            Tags = withTags ? ConfigurationItems.Tags(JsonPath.Find(entry, "Tags")) : System.Collections.Frozen.FrozenDictionary<string, string>.Empty,
            Configuration = entry.Clone(),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        JsonPath.TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
