using Ocado.Guardrails.Scanner.Snapshots;
using YamlDotNet.Serialization;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>Writes the demo's <c>guardrails.yaml</c>: the estate, the audit role, and the rule parameters the plants assume.</summary>
internal static class EstateYamlWriter
{
    public static void Write(string directory, DemoLayout layout, DemoOptions options)
    {
        var document = new Dictionary<string, object>
        {
            ["estate"] = new Dictionary<string, object>
            {
                ["customers"] = layout.Customers.Select(c => new Dictionary<string, object>
                {
                    ["id"] = c.Id,
                    ["name"] = c.Name,
                    ["accounts"] = c.Accounts.Select(a => a.Id).ToList(),
                }).ToList(),
                ["platform"] = new Dictionary<string, object> { ["accounts"] = new List<string> { layout.Platform.Id } },
                ["regions"] = DemoLayout.Regions.ToList(),
            },
            ["aws"] = new Dictionary<string, object>
            {
                ["roleName"] = DemoLayout.AuditRoleName,
                ["externalId"] = "guardrails-" + layout.OrganizationId,
            },
            ["rules"] = new Dictionary<string, object>
            {
                ["tagging-required-tags"] = new Dictionary<string, object> { ["tags"] = TagRules.Required.ToList() },
                ["tagging-environment-allowed-values"] = new Dictionary<string, object> { ["values"] = TagRules.Environments.ToList() },
                ["iam-user-access-keys-rotated"] = new Dictionary<string, object> { ["maxAgeDays"] = 90 },
                ["quotas-headroom"] = new Dictionary<string, object> { ["failAt"] = 0.8 },
                // quotas-non-adjustable-headroom shares warnAt, and quotas-headroom-warning failAt: each is set once.
                ["quotas-headroom-warning"] = new Dictionary<string, object> { ["warnAt"] = 0.6 },
            },
            ["waivers"] = new List<object>(),
        };
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        using var writer = new StreamWriter(Path.Combine(directory, SnapshotLayout.EstateFile)) { NewLine = "\n" };
        writer.WriteLine($"# Demo estate (seed {options.Seed}, size {options.Size}): every violation planted in it is listed in {DemoManifest.FileName}.");
        serializer.Serialize(writer, document);
    }
}
