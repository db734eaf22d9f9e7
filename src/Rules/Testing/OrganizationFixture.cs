using System.Text.Json;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Testing;

/// <summary>
/// The organisation a rule fixture's cases run under: <c>{"id", "managementAccount", "targets": [{"id", "parent"?,
/// "name"?, "scps"?: [{"name", "content": policy document}], "rcps"?: [..]}]}</c> (the root has no parent), or
/// <c>{"notRead": "why"}</c> for an organisation the scan could not read. Absent: not configured.
/// </summary>
internal static class OrganizationFixture
{
    public static OrganizationView Read(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } org)
        {
            return OrganizationView.NotConfigured;
        }
        if (JsonPath.Find(org, "notRead")?.GetString() is { } reason)
        {
            return OrganizationView.NotRead(reason);
        }
        var targets = (JsonPath.Find(org, "targets")?.EnumerateArray() ?? default).Select(t =>
        {
            var id = JsonPath.Find(t, "id")?.GetString() ?? throw new FormatException("an organisation target needs an \"id\"");
            return new OrganizationTarget(id, JsonPath.Find(t, "parent")?.GetString(), JsonPath.Find(t, "name")?.GetString() ?? id)
            {
                ServiceControlPolicies = Policies(t, "scps", id),
                ResourceControlPolicies = Policies(t, "rcps", id),
            };
        });
        return OrganizationView.Read(new Organization(
            JsonPath.Find(org, "id")?.GetString() ?? throw new FormatException("an organisation needs an \"id\""),
            JsonPath.Find(org, "managementAccount")?.GetString() ?? "", targets));
    }

    private static IReadOnlyList<PolicyDocument> Policies(JsonElement target, string property, string id) =>
        (JsonPath.Find(target, property)?.EnumerateArray() ?? default)
            .Select((policy, i) => PolicyDocument.Parse(
                JsonPath.Find(policy, "content") ?? throw new FormatException($"a policy on {id} needs a \"content\""),
                $"{(property == "scps" ? "SCP" : "RCP")} {JsonPath.Find(policy, "name")?.GetString() ?? $"#{i + 1}"}"))
            .ToList();
}
