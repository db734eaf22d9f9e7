using System.Globalization;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a snapshot directory (layout in DESIGN.md), one account at a time: a scan holds one
/// account's resources in memory, never the whole estate. A file that cannot be read is named in
/// <see cref="Snapshot.Errors"/> and becomes a coverage gap for what it would have held; the rest
/// of the snapshot is read. An account of the estate with no data and no recorded gap is a gap too:
/// silence never reads as clean. Every file is read within <see cref="InputLimits"/>, and only from
/// inside the snapshot.
/// </summary>
internal sealed partial class SnapshotReader
{
    private readonly string _directory;
    private readonly CollectionFile.Contents _collection;
    private readonly InputLimits _limits;
    private readonly IReadOnlyList<string> _regions;

    private SnapshotReader(string directory, Estate estate, InputLimits limits)
    {
        _directory = directory;
        _limits = limits;
        _regions = estate.Regions;
        _collection = CollectionFile.Read(Path.Combine(directory, SnapshotLayout.CollectionFile), directory, limits);
        var folders = Directory.EnumerateDirectories(directory)
            .Select(folder => Path.GetFileName(folder))
            .Where(SnapshotLayout.IsAccountFolder!);
        Accounts = folders.Concat(estate.Accounts).Concat(_collection.Gaps.Select(g => g.AccountId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>When the snapshot was collected (collection.json), if it says.</summary>
    public DateTimeOffset? CollectedAt => _collection.CollectedAt;

    /// <summary>Every account the snapshot has a folder or a recorded gap for, and every account of the estate.</summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Opens a snapshot directory to read it account by account, within <paramref name="limits"/> (the defaults when null).</summary>
    public static SnapshotReader Open(string directory, Estate estate, InputLimits? limits = null) => new(directory, estate, limits ?? InputLimits.Default);

    /// <summary>The whole snapshot at once: for small snapshots and tests; a scan reads account by account.</summary>
    public static Snapshot Read(string directory, Estate estate, InputLimits? limits = null)
    {
        var reader = Open(directory, estate, limits);
        return reader.WithNetwork(reader.Merge(reader.Accounts), _ => true);
    }

    /// <summary>
    /// The AWS organisation of <c>organizations/</c>, read once per scan (it is the same for every account): not
    /// configured when the snapshot has none and no gap says one was asked for.
    /// </summary>
    public Rules.Organizations.OrganizationView ReadOrganization() =>
        OrganizationFiles.Read(_directory, _collection.Gaps, _collection.Problem is null, _limits);

    /// <summary>The estate's network across every account of the snapshot, read once per scan (<see cref="NetworkFiles"/>).</summary>
    public Rules.Network.NetworkView ReadNetwork() =>
        NetworkFiles.Read(_directory, Accounts, _regions, _collection.Gaps, _limits);

    /// <summary>
    /// Only the given accounts: what one part of a scan needs. Quota usage is counted per account,
    /// so an account read alone gives the same resources as the whole snapshot does.
    /// </summary>
    public static Snapshot ReadAccounts(string directory, Estate estate, IReadOnlySet<string> accounts, InputLimits? limits = null)
    {
        var reader = Open(directory, estate, limits);
        return reader.WithNetwork(reader.Merge(reader.Accounts.Where(accounts.Contains)), accounts.Contains);
    }

    /// <summary>The accounts read with the organisation and the network, and the network's gaps of those accounts.</summary>
    private Snapshot WithNetwork(Snapshot accounts, Func<string, bool> ofAccount)
    {
        var network = ReadNetwork();
        return accounts with { Organization = ReadOrganization(), Network = network, Gaps = NetworkFiles.Including(accounts.Gaps, network, ofAccount) };
    }

    /// <summary>
    /// One account: its resources (with the AWS managed policies its authorization details name),
    /// its gaps, and the problems met while reading it. An account with neither data nor a recorded
    /// gap gets a gap.
    /// </summary>
    public Snapshot ReadAccount(string account) => new AccountReader(this, account).Read();

    /// <summary>
    /// Only the account's <c>iam/</c> folder, for the principal graph built before the scan judges any
    /// account: the authorization details alone, not the credential report or the service-last-accessed files, which
    /// no edge needs. A file that cannot be read is left out here: the account's own read reports it as a gap.
    /// </summary>
    public Snapshot ReadIam(string account)
    {
        var resources = new List<Resource>();
        var folder = SnapshotLayout.Account(_directory, account);
        if (Directory.Exists(folder))
        {
            IamFiles.Read(folder, account, _directory, _limits, resources.Add, (_, _) => { }, lastAccessFailed: null);
        }
        return new Snapshot(resources, [], CollectedAt, []);
    }

    /// <summary>
    /// Whether an exception means "this file could not be read" (reported as a gap, the scan goes on). A file is
    /// the boundary where a failure is isolated: whatever a hostile file makes a reader throw stays with that
    /// file, except cancellation and exhausted memory, which are not the file's to answer for.
    /// </summary>
    public static bool Unreadable(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException);

    private Snapshot Merge(IEnumerable<string> accounts)
    {
        var resources = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var gaps = new List<Rules.Findings.CoverageGap>();
        var errors = new List<string>();
        foreach (var account in accounts)
        {
            var part = ReadAccount(account);
            foreach (var resource in part.Resources)
            {
                // AWS managed policies come with every account that uses them: once is enough.
                resources.TryAdd(resource.Arn, resource);
            }
            gaps.AddRange(part.Gaps);
            errors.AddRange(part.Errors.Where(e => !errors.Contains(e)));
        }
        return new Snapshot(resources.Values.ToList(), gaps, CollectedAt, errors);
    }

    /// <summary>The value, or the error of a file that could not be read.</summary>
    private static (T? Value, Exception? Error) Attempt<T>(Func<T> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            return (default, ex);
        }
    }

    /// <summary>Files are named after their region (<c>eu-west-1.json</c>, <c>eu-west-1-2.json</c>); null when not.</summary>
    private static string? RegionOf(string file)
    {
        var match = RegionName().Match(Path.GetFileNameWithoutExtension(file));
        return match.Success ? match.Groups[1].Value.ToLower(CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^([a-z]{2}(-gov)?-[a-z]+-[0-9])")]
    private static partial Regex RegionName();
}
