using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a snapshot's <c>organizations/</c> files (the AWS CLI's <c>list-roots</c>, <c>list-organizational-units-for-parent</c>,
/// <c>list-accounts-for-parent</c>, <c>list-policies-for-target</c> and <c>describe-policy</c> output) into the
/// <see cref="Organization"/>: the root, every OU and account with its parent, and the SCPs and RCPs attached to
/// each. The management account and the organisation id come from the root's ARN
/// (<c>arn:aws:organizations::MANAGEMENT:root/o-ID/r-ID</c>). A root or OU whose files are missing or malformed
/// makes the whole organisation unread (a level left out could be the one whose SCP denies); an account without
/// its policy files has none we know of, which restricts nothing (the worst case).
/// </summary>
internal static class OrganizationFiles
{
    private static readonly (string Filter, OrganizationPolicyType Type, string Prefix)[] PolicyTypes =
    [
        ("SERVICE_CONTROL_POLICY", OrganizationPolicyType.ServiceControl, "SCP"),
        ("RESOURCE_CONTROL_POLICY", OrganizationPolicyType.ResourceControl, "RCP"),
    ];

    /// <param name="gaps">collection.json's gaps: one of source <c>organizations</c> means the organisation was not read.</param>
    /// <param name="gapsKnown">False when collection.json could not be read, so what was not collected is unknown.</param>
    public static OrganizationView Read(string snapshot, IReadOnlyList<CoverageGap> gaps, bool gapsKnown, InputLimits limits)
    {
        if (gaps.FirstOrDefault(g => g.Source == CoverageGap.Sources.Organizations) is { } gap)
        {
            return OrganizationView.NotRead($"from account {gap.AccountId}: {gap.Reason}");
        }
        var folder = SnapshotLayout.Organizations(snapshot);
        if (!InputFile.Exists(folder))
        {
            return OrganizationView.NotConfigured;
        }
        if (!gapsKnown)
        {
            return OrganizationView.NotRead("collection.json could not be read, so whether the organisation was collected whole is unknown");
        }
        try
        {
            return OrganizationView.Read(Build(snapshot, limits));
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return OrganizationView.NotRead($"the snapshot's organisation files could not be read: {ex.Message}");
        }
    }

    private static Organization Build(string snapshot, InputLimits limits)
    {
        var rootsFile = SnapshotLayout.OrganizationRoots(snapshot);
        var roots = List(rootsFile, "Roots", snapshot, limits);
        if (roots.Count != 1)
        {
            throw new SnapshotFormatException($"{rootsFile}: an organisation has one root, not {roots.Count}");
        }
        var root = roots[0];
        var rootId = Text(root, "Id", rootsFile);
        var (organizationId, management) = FromRootArn(Text(root, "Arn", rootsFile), rootsFile);
        var enabled = PolicyTypes.Where(p => IsEnabled(root, p.Filter)).ToList();
        var documents = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);
        var targets = new List<OrganizationTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parents = new Queue<(string Id, string? Parent, string Name)>([(rootId, null, AwsJson.Text(root, "Name", rootsFile) ?? "Root")]);
        while (parents.TryDequeue(out var node))
        {
            if (!seen.Add(node.Id))
            {
                // Files that list an OU under two parents (or under itself) would otherwise be walked for ever.
                throw new SnapshotFormatException($"{SnapshotLayout.Organizations(snapshot)}: {node.Id} is listed under more than one parent");
            }
            targets.Add(Attached(new OrganizationTarget(node.Id, node.Parent, node.Name), enabled, required: true, documents, snapshot, limits));
            var unitsFile = SnapshotLayout.OrganizationalUnits(snapshot, node.Id);
            foreach (var unit in List(unitsFile, "OrganizationalUnits", snapshot, limits))
            {
                parents.Enqueue((Text(unit, "Id", unitsFile), node.Id, AwsJson.Text(unit, "Name", unitsFile) ?? ""));
            }
            var accountsFile = SnapshotLayout.OrganizationAccounts(snapshot, node.Id);
            foreach (var account in List(accountsFile, "Accounts", snapshot, limits))
            {
                var id = Text(account, "Id", accountsFile);
                targets.Add(Attached(new OrganizationTarget(id, node.Id, AwsJson.Text(account, "Name", accountsFile) ?? id), enabled, required: false, documents, snapshot, limits));
            }
        }
        try
        {
            return new Organization(organizationId, management, targets);
        }
        catch (ArgumentException ex)
        {
            throw new SnapshotFormatException($"{SnapshotLayout.Organizations(snapshot)}: {ex.Message}", ex);
        }
    }

    /// <summary>The target with the SCPs and RCPs attached to it; a root's or OU's list must be there, an account's may not.</summary>
    private static OrganizationTarget Attached(OrganizationTarget target, IReadOnlyList<(string Filter, OrganizationPolicyType Type, string Prefix)> enabled, bool required,
        Dictionary<string, PolicyDocument> documents, string snapshot, InputLimits limits)
    {
        var attached = new Dictionary<OrganizationPolicyType, List<PolicyDocument>>();
        foreach (var (filter, type, prefix) in enabled)
        {
            var file = SnapshotLayout.PoliciesForTarget(snapshot, target.Id, filter);
            if (!required && !InputFile.Exists(file))
            {
                continue;
            }
            attached[type] = List(file, "Policies", snapshot, limits)
                .Select(summary => Text(summary, "Id", file))
                .Select(id => documents.TryGetValue(id, out var known) ? known : documents[id] = Describe(snapshot, id, prefix, limits))
                .Select(document => document.WithName($"{document.Name} attached to {target}"))
                .ToList();
        }
        return target with
        {
            ServiceControlPolicies = attached.GetValueOrDefault(OrganizationPolicyType.ServiceControl) ?? [],
            ResourceControlPolicies = attached.GetValueOrDefault(OrganizationPolicyType.ResourceControl) ?? [],
        };
    }

    /// <summary>A policy's document from its <c>describe-policy</c> file, named "SCP NAME (p-...)".</summary>
    private static PolicyDocument Describe(string snapshot, string policyId, string prefix, InputLimits limits)
    {
        var file = SnapshotLayout.OrganizationPolicy(snapshot, policyId);
        using var document = AwsJson.Open(file, snapshot, limits);
        var policy = JsonPath.Find(AwsJson.Body(document.RootElement), "Policy") is { ValueKind: JsonValueKind.Object } p
            ? p
            : throw new SnapshotFormatException($"{file}: not describe-policy output: expected Policy as an object");
        var name = JsonPath.Find(policy, "PolicySummary") is { ValueKind: JsonValueKind.Object } summary ? AwsJson.Text(summary, "Name", file) : null;
        var content = AwsJson.Text(policy, "Content", file) ?? throw new SnapshotFormatException($"{file}: Policy has no Content");
        try
        {
            return PolicyDocument.Parse(content, $"{prefix} {name ?? policyId} ({policyId})");
        }
        catch (FormatException ex)
        {
            throw new SnapshotFormatException($"{file}: Policy.Content is not a policy: {ex.Message}", ex);
        }
    }

    private static List<JsonElement> List(string file, string property, string snapshot, InputLimits limits)
    {
        if (!InputFile.Exists(file))
        {
            throw new SnapshotFormatException($"{file} is missing");
        }
        using var document = AwsJson.Open(file, snapshot, limits);
        if (JsonPath.Find(AwsJson.Body(document.RootElement), property) is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new SnapshotFormatException($"{file}: not AWS Organizations output: expected {property} as a list");
        }
        var items = list.EnumerateArray().Select(e => e.Clone()).ToList();
        var wrong = items.FindIndex(i => i.ValueKind != JsonValueKind.Object);
        return wrong < 0 ? items : throw new SnapshotFormatException($"{file}: {property}[{wrong}] is {AwsJson.Kind(items[wrong])}, not an object");
    }

    private static string Text(JsonElement entry, string property, string where) =>
        AwsJson.Text(entry, property, where) is { Length: > 0 } text ? text : throw new SnapshotFormatException($"{where}: an entry has no {property}");

    /// <summary>The organisation id and the management account from a root's ARN.</summary>
    private static (string OrganizationId, string Management) FromRootArn(string arn, string where)
    {
        // arn:aws:organizations::111111111111:root/o-exampleorgid/r-examplerootid111
        var parts = arn.Split(':');
        var path = parts.Length == 6 ? parts[5].Split('/') : [];
        return parts.Length == 6 && parts[2] == "organizations" && SnapshotLayout.IsAccountFolder(parts[4]) && path is ["root", var org, _] && org.StartsWith("o-", StringComparison.Ordinal)
            ? (org, parts[4])
            : throw new SnapshotFormatException($"{where}: Arn '{arn}' is not an organisation root's ARN (arn:aws:organizations::ACCOUNT:root/o-ID/r-ID)");
    }

    private static bool IsEnabled(JsonElement root, string type) =>
        JsonPath.Find(root, "PolicyTypes") is { ValueKind: JsonValueKind.Array } types
        && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.Object
            && JsonPath.Find(t, "Type")?.ToString() == type && JsonPath.Find(t, "Status")?.ToString() == "ENABLED");
}
