using System.Runtime.CompilerServices;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The AWS organisation, once per collection, from the account <c>organization:</c> names (the management
/// account or a delegated administrator): the roots, then every OU and account level by level, the SCPs and RCPs
/// attached to the roots, the OUs and the estate's accounts, and each policy's text, each call's answer in a file
/// of <c>organizations/</c> (<see cref="SnapshotLayout"/>). A policy type the root has not enabled has nothing
/// attached, so it is not asked for. Whatever fails makes one gap for the organisation: half a tree could drop the
/// level whose SCP denies.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html
/// </summary>
internal static class OrganizationCollector
{
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";
    public const string ResourceControlPolicy = "RESOURCE_CONTROL_POLICY";

    private static readonly string[] PolicyTypes = [ServiceControlPolicy, ResourceControlPolicy];

    public static async Task CollectAsync(CollectionRun run, OrganizationSettings settings, CancellationToken cancellationToken)
    {
        var credentials = await run.Roles.AssumeAsync(settings.AccountId, settings.RoleName, settings.ExternalId, run.SessionName, cancellationToken);
        run.Secrets.Add(credentials);
        var context = new AwsContext(settings.AccountId, AwsService.Organizations.GlobalRegion!, credentials);
        var client = run.Clients.Organizations;
        var snapshot = run.OutputDirectory;

        var roots = await WriteAsync(SnapshotLayout.OrganizationRoots(snapshot), "Roots", client.ListRootsAsync(context, cancellationToken), cancellationToken);
        var enabled = PolicyTypes.Where(type => roots.Any(root => IsEnabled(root, type))).ToList();
        var targets = roots.Select(root => Text(root, "Id")).ToList();
        var parents = new Queue<string>(targets);
        var accounts = 0;
        while (parents.TryDequeue(out var parent))
        {
            var units = await WriteAsync(SnapshotLayout.OrganizationalUnits(snapshot, parent), "OrganizationalUnits",
                client.ListOrganizationalUnitsForParentAsync(context, parent, cancellationToken), cancellationToken);
            var members = await WriteAsync(SnapshotLayout.OrganizationAccounts(snapshot, parent), "Accounts",
                client.ListAccountsForParentAsync(context, parent, cancellationToken), cancellationToken);
            foreach (var unit in units.Select(u => Text(u, "Id")))
            {
                targets.Add(unit);
                parents.Enqueue(unit);
            }
            accounts += members.Count;
            // Only the estate's accounts are judged: another account's own SCPs and RCPs decide nothing we report.
            targets.AddRange(members.Select(m => Text(m, "Id")).Where(run.Estate.IsKnown));
        }
        var policies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var type in enabled)
            {
                var attached = await WriteAsync(SnapshotLayout.PoliciesForTarget(snapshot, target, type), "Policies",
                    client.ListPoliciesForTargetAsync(context, target, type, cancellationToken), cancellationToken);
                policies.UnionWith(attached.Select(p => Text(p, "Id")));
            }
        }
        foreach (var policy in policies)
        {
            var described = await client.DescribePolicyAsync(context, policy, cancellationToken);
            await SnapshotWriter.WriteJsonAsync(SnapshotLayout.OrganizationPolicy(snapshot, policy), described, cancellationToken);
        }
        run.Progress.Log($"organisation read from {settings.AccountId}: {accounts} accounts, {targets.Count - accounts} roots and OUs, {policies.Count} SCPs and RCPs");
    }

    /// <summary>Writes a list as the CLI prints it, and keeps its entries: the next calls need their ids.</summary>
    private static async Task<List<JsonElement>> WriteAsync(string path, string property, IAsyncEnumerable<JsonElement> items, CancellationToken cancellationToken)
    {
        var kept = new List<JsonElement>();
        await SnapshotWriter.WriteListAsync(path, property, Keep(items, kept, cancellationToken), cancellationToken);
        return kept;
    }

    private static async IAsyncEnumerable<JsonElement> Keep(IAsyncEnumerable<JsonElement> items, List<JsonElement> kept, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            kept.Add(item);
            yield return item;
        }
    }

    /// <summary>Whether the root lists the policy type as ENABLED in its <c>PolicyTypes</c>.</summary>
    public static bool IsEnabled(JsonElement root, string type) =>
        root.TryGetProperty("PolicyTypes", out var types) && types.ValueKind == JsonValueKind.Array
        && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.Object
            && t.TryGetProperty("Type", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == type
            && t.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "ENABLED");

    private static string Text(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AwsServiceException(AwsService.Organizations.SigningName, "List", "InvalidResponse", $"an entry without {property}: {entry.GetRawText()}", System.Net.HttpStatusCode.OK);
}
