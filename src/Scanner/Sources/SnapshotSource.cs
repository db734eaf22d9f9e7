using System.Collections.Concurrent;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Sources;

/// <summary>
/// Accounts read from a snapshot directory that every reader can see (a shared volume in production).
/// Each read opens the snapshot afresh, so that a long-running engine reads the snapshot as it is now,
/// not as it was at start; only the organisation is kept per scan (until <see cref="Discard"/>), so that every account
/// of a scan is judged against the same one, read once.
/// </summary>
internal sealed class SnapshotSource(string directory, Estate estate, InputLimits? limits = null) : IAccountSource
{
    /// <summary>The organisation, read once per scan: every account of a scan is judged against the same one.</summary>
    private readonly ConcurrentDictionary<string, Lazy<OrganizationView>> _organizations = new(StringComparer.Ordinal);

    /// <summary>The network, read once per scan: a path between customers crosses their accounts and the hub's.</summary>
    private readonly ConcurrentDictionary<string, Lazy<NetworkView>> _networks = new(StringComparer.Ordinal);

    public string Directory => directory;

    /// <summary>Every account the snapshot has a folder or a recorded gap for, and every account of the estate.</summary>
    public IReadOnlyList<string> Accounts() => SnapshotReader.Open(directory, estate, limits).Accounts;

    public Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var reader = SnapshotReader.Open(directory, estate, limits);
            var organization = _organizations.GetOrAdd(scanId, _ => new Lazy<OrganizationView>(reader.ReadOrganization)).Value;
            var network = _networks.GetOrAdd(scanId, _ => new Lazy<NetworkView>(reader.ReadNetwork)).Value;
            var account = reader.ReadAccount(accountId);
            return account with { Organization = organization, Network = network, Gaps = NetworkFiles.Including(account.Gaps, network, a => a == accountId) };
        }, cancellationToken);

    /// <summary>
    /// One account as a compact index and a stream of its resources (<see cref="SnapshotReader.AccountStream"/>),
    /// with the scan's organisation and network; null when the account is one <see cref="ReadAsync"/> reads whole.
    /// </summary>
    /// <param name="next">The account the scan streams after this one: its index is read meanwhile (<see cref="SnapshotReader.StreamAccount(string, string?)"/>).</param>
    public StreamedAccount? Stream(string scanId, string accountId, string? next = null)
    {
        // With a next account, the scan's one streaming reader, which holds the index it reads ahead until it is asked for.
        var reader = next is null && !_streaming.ContainsKey(scanId)
            ? SnapshotReader.Open(directory, estate, limits)
            : _streaming.GetOrAdd(scanId, _ => SnapshotReader.Open(directory, estate, limits));
        var organization = _organizations.GetOrAdd(scanId, _ => new Lazy<OrganizationView>(reader.ReadOrganization)).Value;
        var network = _networks.GetOrAdd(scanId, _ => new Lazy<NetworkView>(reader.ReadNetwork)).Value;
        var streamed = reader.StreamAccount(accountId, next) is { } stream ? new StreamedAccount(stream, organization, network) : null;
        if (next is null)
        {
            // The scan's last account: nothing is read ahead any more.
            _streaming.TryRemove(scanId, out _);
        }
        return streamed;
    }

    /// <summary>The reader of each scan that streams with a next account: the one that holds what it read ahead.</summary>
    private readonly ConcurrentDictionary<string, SnapshotReader> _streaming = new(StringComparer.Ordinal);

    public Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken) =>
        Task.Run<Snapshot?>(() =>
        {
            var reader = SnapshotReader.Open(directory, estate, limits);
            // The graph's edges are judged within the SCPs, as the rules judge each principal.
            var organization = _organizations.GetOrAdd(scanId, _ => new Lazy<OrganizationView>(reader.ReadOrganization)).Value;
            return reader.ReadIam(accountId) with { Organization = organization };
        }, cancellationToken);

    public Task<NetworkView> ReadNetworkAsync(string scanId, CancellationToken cancellationToken) =>
        Task.Run(() => _networks.GetOrAdd(scanId, _ => new Lazy<NetworkView>(() => SnapshotReader.Open(directory, estate, limits).ReadNetwork())).Value, cancellationToken);

    /// <summary>The scans whose organisation or network this process holds: the engine discards them once they end.</summary>
    public IReadOnlyList<string> KeptScans() => [.. _organizations.Keys.Union(_networks.Keys).Order(StringComparer.Ordinal)];

    public void Discard(string scanId)
    {
        _organizations.TryRemove(scanId, out _);
        _networks.TryRemove(scanId, out _);
        _streaming.TryRemove(scanId, out _);
    }
}

/// <summary>An account of a snapshot, streamed, and the views of the estate every account of the scan shares.</summary>
internal sealed record StreamedAccount(SnapshotReader.AccountStream Stream, OrganizationView Organization, NetworkView Network);
