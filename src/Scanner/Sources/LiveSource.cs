using System.Collections.Concurrent;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Sources;

/// <summary>
/// Accounts collected live from AWS, with the code of <c>guardrails collect</c> run on an estate of
/// this one account: its audit role assumed (external id of its customer), IAM and every region of
/// the estate, under the configured rate limits, failures as coverage gaps. An account is collected
/// from AWS at most once per scan on a machine: into <c>WORK/&lt;scan id&gt;/&lt;account&gt;</c>,
/// which the scan's other parts of that account then read, until the scan ends and
/// <see cref="Discard"/> removes the scan's folder. Parts of one account that run at the same time
/// in this process wait on the one collection under way. When AWS refuses the worker's own
/// credentials (<see cref="AuthenticationFailedException"/>) the part fails and Hangfire retries it:
/// a worker with bad keys must not record an estate of gaps.
/// </summary>
/// <param name="homeRegion">Where STS is called (--region); null: the estate's first region.</param>
internal sealed class LiveSource(
    GuardrailsConfig config, AWSCredentials credentials, AwsEndpoints endpoints, HttpClient http, string workDirectory, TextWriter log, string? homeRegion = null)
    : IAccountSource
{
    /// <summary>Marks a folder that is still being collected (or whose worker died): never read as a collection.</summary>
    private const string UnfinishedMarker = ".unfinished-";

    /// <summary>The folder of each scan's organisation, collected once per scan on this machine (the same for every account).</summary>
    private const string OrganizationFolder = "organization";

    /// <summary>The organisation of each scan, once collected or read in this process.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<OrganizationView>>> _organizations = new(StringComparer.Ordinal);

    /// <summary>Collections under way in this process, by (scan, account): the parts that ask meanwhile share them.</summary>
    private readonly ConcurrentDictionary<(string ScanId, string AccountId), Lazy<Task<Snapshot>>> _underWay = new();

    public async Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken)
    {
        var key = (FolderName(scanId), FolderName(accountId));
        var collection = _underWay.GetOrAdd(key, k => new Lazy<Task<Snapshot>>(() => CollectOrReadAsync(k.ScanId, k.AccountId, cancellationToken)));
        try
        {
            return await collection.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            // A part that asks once this one has ended reads the finished folder (or, after a failure, collects again).
            _underWay.TryRemove(KeyValuePair.Create(key, collection));
        }
    }

    /// <summary>
    /// An account is collected whole, so reading its IAM ahead collects it: the folder is kept for the
    /// scan, and the part that judges the account later reads it instead of collecting again. Only the
    /// IAM entities are returned, so the pre-pass holds one account's IAM at a time.
    /// </summary>
    public async Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken)
    {
        var account = await ReadAsync(scanId, accountId, cancellationToken);
        return account with { Resources = [.. account.Resources.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal))] };
    }

    /// <summary>
    /// The network of every account of the estate, each read from its collection for the scan on this machine (the
    /// principal graph's pre-pass has usually collected them all already; an account not yet collected is collected now
    /// and kept for its parts). Each account's own gaps of the network source (a denied call) come with it.
    /// </summary>
    public async Task<NetworkView> ReadNetworkAsync(string scanId, CancellationToken cancellationToken)
    {
        var folders = new List<(string Snapshot, string Account)>();
        var recorded = new List<CoverageGap>();
        foreach (var account in config.Estate.Accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var collected = Path.Combine(workDirectory, FolderName(scanId), FolderName(account));
            if (!Directory.Exists(collected))
            {
                await ReadAsync(scanId, account, cancellationToken);
            }
            folders.Add((collected, account));
            recorded.AddRange(CollectionFile.Read(Path.Combine(collected, SnapshotLayout.CollectionFile), collected, config.Limits).Gaps);
        }
        return NetworkFiles.Read(folders, config.Estate.Regions, recorded, config.Limits);
    }

    public IReadOnlyList<string> KeptScans() => Directory.Exists(workDirectory)
        ? [.. Directory.EnumerateDirectories(workDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    public void Discard(string scanId)
    {
        _organizations.TryRemove(FolderName(scanId), out _);
        var directory = Path.Combine(workDirectory, FolderName(scanId));
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next sweep (AuditJobs discards the folders of ended scans again).
            log.WriteLine($"warning: could not remove the collections of scan {scanId} in {directory}: {ex.Message}");
        }
    }

    private async Task<Snapshot> CollectOrReadAsync(string scanId, string accountId, CancellationToken cancellationToken)
    {
        var estate = OneAccount(config.Estate, accountId);
        var collected = Path.Combine(workDirectory, scanId, accountId);
        if (!Directory.Exists(collected))
        {
            await CollectIntoAsync(estate, collected, organization: false, cancellationToken);
        }
        var snapshot = SnapshotReader.Open(collected, estate, config.Limits).ReadAccount(accountId);
        return snapshot with { Organization = await OrganizationAsync(scanId, cancellationToken) };
    }

    /// <summary>
    /// The organisation of the scan: not configured without <c>organization:</c>; else collected once into
    /// <c>WORK/&lt;scan id&gt;/organization</c> (its SCPs and RCPs for every account of the estate) and read from there.
    /// </summary>
    private Task<OrganizationView> OrganizationAsync(string scanId, CancellationToken cancellationToken)
    {
        if (config.Organization is null)
        {
            return Task.FromResult(OrganizationView.NotConfigured);
        }
        var once = _organizations.GetOrAdd(scanId, id => new Lazy<Task<OrganizationView>>(async () =>
        {
            var folder = Path.Combine(workDirectory, id, OrganizationFolder);
            if (!Directory.Exists(folder))
            {
                await CollectIntoAsync(config.Estate, folder, organization: true, cancellationToken);
            }
            return SnapshotReader.Open(folder, Estate.Empty, config.Limits).ReadOrganization();
        }));
        return once.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Collects into a folder of its own and renames it to <paramref name="collected"/> once complete
    /// (a rename within one directory is atomic): a worker that dies mid-collection leaves only the
    /// unfinished folder, which nothing reads, and the retried part collects again.
    /// </summary>
    /// <param name="organization">True: only the organisation; false: the estate's accounts without it.</param>
    private async Task CollectIntoAsync(Estate estate, string collected, bool organization, CancellationToken cancellationToken)
    {
        var unfinished = $"{collected}{UnfinishedMarker}{Guid.NewGuid():N}";
        try
        {
            var collector = new Collector(new CollectorOptions { Credentials = credentials, Http = http, Endpoints = endpoints, Log = log, HomeRegion = homeRegion });
            await collector.RunAsync(estate, config.Aws, unfinished, cancellationToken, organization ? config.Organization : null, accounts: !organization);
            Directory.Move(unfinished, collected);
        }
        catch (IOException) when (Directory.Exists(collected))
        {
            // Another process on this state directory finished the same collection first: read its folder.
        }
        finally
        {
            if (Directory.Exists(unfinished))
            {
                Directory.Delete(unfinished, recursive: true);
            }
        }
    }

    /// <summary>A scan id or account id as one folder name: anything that could leave the work directory is refused.</summary>
    private static string FolderName(string id) =>
        id.Length > 0 && id is not ("." or "..") && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !id.Contains('\\', StringComparison.Ordinal)
            ? id
            : throw new ArgumentException($"'{id}' cannot name a folder of collected data", nameof(id));

    /// <summary>The estate cut to one account, which keeps its customer (whose external id the role wants) or its platform standing.</summary>
    private static Estate OneAccount(Estate estate, string accountId) => new(
        estate.CustomerOf(accountId) is { } customer ? [customer with { Accounts = [accountId] }] : [],
        estate.IsPlatform(accountId) || estate.CustomerOf(accountId) is null ? [accountId] : [],
        estate.Regions);
}
