using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>Turns `aws iam get-account-authorization-details` output into IAM resources.</summary>
public static class AuthorizationDetails
{
    public static IEnumerable<Resource> ToResources(JsonElement root)
    {
        foreach (var (list, type, nameKey, idKey) in new[]
                 {
                     ("UserDetailList", "AWS::IAM::User", "UserName", "UserId"),
                     ("GroupDetailList", "AWS::IAM::Group", "GroupName", "GroupId"),
                     ("RoleDetailList", "AWS::IAM::Role", "RoleName", "RoleId"),
                     ("Policies", "AWS::IAM::Policy", "PolicyName", "PolicyId"),
                 })
        {
            foreach (var entry in JsonPath.Find(root, list)?.EnumerateArray() ?? default)
            {
                var arn = JsonPath.Find(entry, "Arn")?.GetString() ?? throw new FormatException($"an entry of {list} has no Arn");
                yield return new Resource
                {
                    Type = type,
                    Arn = arn,
                    Id = JsonPath.Find(entry, idKey)?.GetString() ?? arn,
                    Name = JsonPath.Find(entry, nameKey)?.GetString() ?? "",
                    AccountId = Arn.Parse(arn).AccountId,
                    Region = "global",
                    Tags = ConfigurationItems.Tags(JsonPath.Find(entry, "Tags")),
                    Configuration = entry.Clone(),
                };
            }
        }
    }
}
