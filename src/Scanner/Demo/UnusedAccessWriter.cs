using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Unused access in the demo: when each role was last used (a few last used 120 days ago, planted, and a few 85 days
/// ago, compliant look-alikes), and each user's and role's <c>iam/service-last-accessed/KIND/NAME.json</c> as
/// <c>aws iam get-service-last-accessed-details</c> prints it, with one service never used planted in every ninth
/// principal and one last used 80 days ago, a look-alike, in another. The violations are worked out from what is
/// written, with the rules' default of 90 days, so that the manifest names exactly what the scan fails.
/// </summary>
internal static class UnusedAccessWriter
{
    /// <summary>The rules' default limit (iam-role-used-recently's maxUnusedDays, iam-principal-services-used-recently's maxServiceUnusedDays).</summary>
    private const int UnusedDays = 90;

    /// <summary>What IAM lists for a principal allowed "*" (or NotAction): every service; the demo names the ones its estate uses.</summary>
    private static readonly string[] EveryService = ["cloudwatch", "dynamodb", "ec2", "iam", "kms", "lambda", "logs", "s3", "sns", "sqs"];

    /// <summary>Sets the roles' last use before the authorization details are written.</summary>
    public static void PlanRoleUse(AccountContext context, IamModel model)
    {
        var limit = DemoLayout.CollectedAt.AddDays(-UnusedDays);
        for (var i = 0; i < model.Roles.Count; i++)
        {
            var role = model.Roles[i];
            if (role.LastUsed is not null && i % 11 == 5)
            {
                role.LastUsed = DemoLayout.CollectedAt.AddDays(-120);
            }
            else if (role.LastUsed is not null && i % 11 == 8)
            {
                role.LastUsed = DemoLayout.CollectedAt.AddDays(-85);
            }
            var since = role.LastUsed ?? role.Created;
            if (since < limit)
            {
                context.Violation(RuleIds.RoleUsedRecently, role.Arn, role.LastUsed is { } used
                    ? $"role {role.Name} was last used on {used:yyyy-MM-dd}, over {UnusedDays} days before the collection"
                    : $"role {role.Name} was never used and was created on {role.Created:yyyy-MM-dd}");
            }
        }
    }

    public static void Write(AccountContext context, IamModel model)
    {
        var principals = model.Roles.Select(r => ("role", r.Name, r.Arn, r.Created, Documents(r.Attached, r.Inline)))
            .Concat(model.Users.Select(u => ("user", u.Name, u.Arn, u.Created,
                Documents(u.Attached.Concat(u.Groups.SelectMany(g => g.Attached)), u.Inline.Concat(u.Groups.SelectMany(g => g.Inline))))))
            .ToList();
        for (var i = 0; i < principals.Count; i++)
        {
            var (kind, name, arn, created, documents) = principals[i];
            var namespaces = Namespaces(documents);
            var services = new JsonArray();
            for (var s = 0; s < namespaces.Count; s++)
            {
                var last = s == namespaces.Count - 1 && i % 9 == 4 ? (DateTimeOffset?)null
                    : s == namespaces.Count - 1 && i % 9 == 7 ? DemoLayout.CollectedAt.AddDays(-80)
                    : DemoLayout.CollectedAt.AddDays(-((i + s) % 30)).AddHours(-3);
                services.Add(Service(namespaces[s], arn, last));
            }
            if (i % 9 == 4 && namespaces.Count > 0 && created < DemoLayout.CollectedAt.AddDays(-UnusedDays))
            {
                context.Violation(RuleIds.ServicesUsedRecently, arn, $"{kind} {name} is granted {namespaces[^1]} and never used it");
            }
            var path = SnapshotLayout.ServiceLastAccessed(context.Directory, kind, name)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var answer = new JsonObject
            {
                ["JobStatus"] = "COMPLETED", ["JobType"] = "SERVICE_LEVEL", ["JobCreationDate"] = Iso.CredentialReport(DemoLayout.CollectedAt.AddMinutes(-5)),
                ["ServicesLastAccessed"] = services, ["JobCompletionDate"] = Iso.CredentialReport(DemoLayout.CollectedAt.AddMinutes(-4)), ["IsTruncated"] = false,
            };
            File.WriteAllText(path, answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    private static JsonObject Service(string serviceNamespace, string arn, DateTimeOffset? last)
    {
        var service = new JsonObject { ["ServiceName"] = serviceNamespace, ["ServiceNamespace"] = serviceNamespace, ["TotalAuthenticatedEntities"] = last is null ? 0 : 1 };
        if (last is { } when)
        {
            service["LastAuthenticated"] = Iso.CredentialReport(when);
            service["LastAuthenticatedEntity"] = arn;
            service["LastAuthenticatedRegion"] = DemoLayout.Regions[0];
        }
        return service;
    }

    private static List<JsonObject> Documents(IEnumerable<IamPolicy> attached, IEnumerable<IamInline> inline) =>
        [.. attached.Select(p => p.Document), .. inline.Select(p => p.Document)];

    /// <summary>The services a principal's Allow statements name, as IAM lists them: sorted by namespace.</summary>
    private static List<string> Namespaces(IEnumerable<JsonObject> documents)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var statement in documents.SelectMany(d => d["Statement"] is JsonArray list ? list.OfType<JsonObject>() : d["Statement"] is JsonObject one ? [one] : []))
        {
            if (statement["Effect"]?.GetValue<string>() != "Allow")
            {
                continue;
            }
            var actions = statement["Action"] switch { JsonArray list => list.Select(a => a!.GetValue<string>()), JsonValue one => [one.GetValue<string>()], _ => [] };
            if (statement["NotAction"] is not null || actions.Contains("*"))
            {
                found.UnionWith(EveryService);
            }
            found.UnionWith(actions.Where(a => a.Contains(':', StringComparison.Ordinal)).Select(a => a.Split(':')[0].ToLowerInvariant()));
        }
        return [.. found];
    }
}
