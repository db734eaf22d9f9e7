using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// The <c>organization:</c> section of guardrails.yaml: where the AWS organisation is read from (its management
/// account, or an account that is a delegated administrator for AWS Organizations) and the role to assume there.
/// Without it, no organisation is read and SCPs and RCPs take no part in the verdicts.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html
/// </summary>
/// <param name="AccountId">The management account or the delegated administrator.</param>
/// <param name="RoleName">The role assumed there; it needs organizations:List* and organizations:DescribePolicy.</param>
/// <param name="ExternalId">The external id its trust policy demands; aws.externalId when not given.</param>
internal sealed partial record OrganizationSettings(string AccountId, string RoleName, string? ExternalId)
{
    private static readonly string[] Keys = ["accountId", "roleName", "externalId"];

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[\\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    /// <summary>Reads the section (null when absent); every problem is added to <paramref name="errors"/>.</summary>
    /// <param name="aws">The aws: section read before: its role name and external id are the defaults.</param>
    public static OrganizationSettings? Read(JsonNode? node, AwsSettings aws, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject section)
        {
            errors.Add("organization: must be a mapping (accountId:, roleName:)");
            return null;
        }
        ConfigValues.KnownKeys(section, "organization", errors, Keys);
        var account = ConfigValues.Text(section["accountId"]) ?? "";
        if (!AccountIdPattern().IsMatch(account))
        {
            errors.Add(account.Length == 0
                ? "organization.accountId: missing (the management account, or a delegated administrator for AWS Organizations)"
                : $"organization.accountId: '{account}' is not a 12-digit AWS account id");
        }
        var role = ConfigValues.Text(section["roleName"]) ?? aws.RoleName;
        if (!RoleNamePattern().IsMatch(role))
        {
            errors.Add($"organization.roleName: '{role}' is not an IAM role name (1-64 of letters, digits and +=,.@_-)");
        }
        return new OrganizationSettings(account, role, ConfigValues.Text(section["externalId"]) ?? aws.ExternalId);
    }
}
