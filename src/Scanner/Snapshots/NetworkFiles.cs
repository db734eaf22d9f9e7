using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads every account's <c>network/</c> folder into one <see cref="NetworkView"/>, once per scan: a path between
/// customers crosses accounts (theirs and the hub's), so no account's network can be judged alone. What is missing is
/// a gap naming the account, region and file: an account of the estate without <c>network/</c>, a region of the estate
/// without its folder, a command's output absent, a transit gateway route table listed without its routes, a file
/// that cannot be read. The rules say NotAssessed rather than Pass where a gap is.
/// </summary>
internal static class NetworkFiles
{
    /// <param name="recorded">collection.json's gaps: those of the network source are kept.</param>
    public static NetworkView Read(string snapshot, IEnumerable<string> accounts, IReadOnlyList<string> regions, IReadOnlyList<CoverageGap> recorded, InputLimits limits) =>
        Read(accounts.Select(account => (snapshot, account)), regions, recorded, limits);

    /// <summary>
    /// The accounts' networks, each from the snapshot folder that holds it, into one view: the live engine collects each
    /// account into a folder of its own (LiveSource), and a path crosses them all the same.
    /// </summary>
    public static NetworkView Read(IEnumerable<(string Snapshot, string Account)> accounts, IReadOnlyList<string> regions, IReadOnlyList<CoverageGap> recorded, InputLimits limits)
    {
        var builder = new NetworkBuilder();
        var gaps = recorded.Where(g => g.Source == CoverageGap.Sources.Network).ToList();
        var collected = false;
        foreach (var (snapshot, account) in accounts)
        {
            var folder = Path.Combine(snapshot, SnapshotLayout.Network(account));
            collected |= Directory.Exists(folder);
            if (!Directory.Exists(folder))
            {
                gaps.Add(new CoverageGap(account, null, CoverageGap.Sources.Network, $"{folder}: no network folder: the account's VPCs, routes and transit gateways were not collected"));
                continue;
            }
            var found = Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Where(n => SnapshotLayout.IsRegion(n!)).Select(n => n!).ToList();
            foreach (var region in found.Union(regions, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                ReadRegion(snapshot, account, region, builder, gaps, limits);
            }
        }
        return new NetworkView(builder.Build(), gaps) { Collected = collected || recorded.Any(g => g.Source == CoverageGap.Sources.Network) };
    }

    /// <summary>
    /// <paramref name="gaps"/> with the network's gaps of the accounts <paramref name="ofAccount"/> picks, so that a
    /// missing or malformed network file is listed in the coverage (findings.json, the report) naming the file, once:
    /// each gap is named by its account. An account out of reach altogether (its sts:AssumeRole or snapshot gap says so)
    /// gets no network gap besides; a snapshot without any network outputs (not collected at all) adds none.
    /// </summary>
    public static IReadOnlyList<CoverageGap> Including(IReadOnlyList<CoverageGap> gaps, NetworkView network, Func<string, bool> ofAccount)
    {
        if (!network.Collected)
        {
            return gaps;
        }
        var unreachable = gaps.Where(g => g.Region is null && g.Source is CoverageGap.Sources.AssumeRole or CoverageGap.Sources.Snapshot)
            .Select(g => g.AccountId).ToHashSet(StringComparer.Ordinal);
        var known = gaps.ToHashSet();
        var added = network.Gaps.Where(g => g.AccountId.Length > 0 && ofAccount(g.AccountId) && !unreachable.Contains(g.AccountId) && known.Add(g)).ToList();
        return added.Count == 0 ? gaps : [.. gaps, .. added];
    }

    private static void ReadRegion(string snapshot, string account, string region, NetworkBuilder builder, List<CoverageGap> gaps, InputLimits limits)
    {
        void Gap(string reason) => gaps.Add(new CoverageGap(account, region, CoverageGap.Sources.Network, reason));
        var listed = new List<string>();
        foreach (var command in NetworkOutputs.Commands)
        {
            var file = Path.Combine(snapshot, SnapshotLayout.NetworkFile(account, region, command));
            if (!InputFile.Exists(file))
            {
                Gap($"{file}: missing: aws ec2 {command} was not collected");
                continue;
            }
            Guarded(file, Gap, () => Output(file, snapshot, limits, element => NetworkOutputs.Read(builder, account, region, command, element, file, listed)));
        }
        foreach (var command in NetworkOutputs.Filters.Concat(NetworkOutputs.Details))
        {
            var file = Path.Combine(snapshot, SnapshotLayout.NetworkFile(account, region, command));
            if (InputFile.Exists(file))
            {
                Guarded(file, Gap, () => Output(file, snapshot, limits, element => NetworkOutputs.Read(builder, account, region, command, element, file)));
            }
        }
        foreach (var id in listed.Distinct(StringComparer.Ordinal))
        {
            var (kind, command) = id.StartsWith("vpce-svc-", StringComparison.Ordinal)
                ? ("endpoint service", NetworkOutputs.EndpointServicePermissions)
                : ("transit gateway route table", NetworkOutputs.TransitGatewayRoutes);
            if (!SnapshotLayout.IsNetworkId(id))
            {
                Gap($"{SnapshotLayout.Network(account)}/{region}: '{id}' is not a {kind} id: its {command} output was not read");
                continue;
            }
            var file = Path.Combine(snapshot, SnapshotLayout.NetworkItemFile(account, region, command, id));
            if (!InputFile.Exists(file))
            {
                Gap($"{file}: missing: aws ec2 {command} for {id} was not collected");
                continue;
            }
            Guarded(file, Gap, () => Output(file, snapshot, limits, element => NetworkOutputs.Read(builder, account, region, $"{command}/{id}", element, file)));
            if (command == NetworkOutputs.TransitGatewayRoutes)
            {
                ReadLinks(snapshot, account, region, id, builder, Gap, limits);
            }
        }
    }

    /// <summary>A route table's own lists of associations and propagations, when present (absent, the attachments' Association stands).</summary>
    private static void ReadLinks(string snapshot, string account, string region, string tableId, NetworkBuilder builder, Action<string> gap, InputLimits limits)
    {
        foreach (var command in NetworkOutputs.RouteTableCalls)
        {
            var file = Path.Combine(snapshot, SnapshotLayout.NetworkItemFile(account, region, command, tableId));
            if (InputFile.Exists(file))
            {
                Guarded(file, gap, () => Output(file, snapshot, limits, element => NetworkOutputs.Read(builder, account, region, $"{command}/{tableId}", element, file)));
            }
        }
    }

    private static void Output(string file, string snapshot, InputLimits limits, Action<System.Text.Json.JsonElement> read)
    {
        using var document = AwsJson.Open(file, snapshot, limits);
        read(AwsJson.Body(document.RootElement));
    }

    private static void Guarded(string file, Action<string> gap, Action read)
    {
        try
        {
            read();
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            gap($"unreadable snapshot file: {(ex.Message.Contains(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}")}");
        }
    }
}
