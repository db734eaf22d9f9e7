using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a snapshot directory (layout in DESIGN.md), one account at a time: a scan holds one
/// account's resources in memory, never the whole estate. A file that cannot be read is named in
/// <see cref="Snapshot.Errors"/> and becomes a coverage gap for what it would have held; the rest
/// of the snapshot is read. An account of the estate with no data and no recorded gap is a gap too:
/// silence never reads as clean.
/// </summary>
internal sealed partial class SnapshotReader
{
    private readonly string _directory;
    private readonly List<CoverageGap> _recordedGaps;

    private SnapshotReader(string directory, Estate estate)
    {
        _directory = directory;
        var collection = CollectionFile.Read(Path.Combine(directory, SnapshotLayout.CollectionFile));
        (CollectedAt, _recordedGaps) = (collection.CollectedAt, collection.Gaps);
        var folders = Directory.EnumerateDirectories(directory)
            .Select(folder => Path.GetFileName(folder))
            .Where(SnapshotLayout.IsAccountFolder!);
        Accounts = folders.Concat(estate.Accounts).Concat(_recordedGaps.Select(g => g.AccountId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>When the snapshot was collected (collection.json), if it says.</summary>
    public DateTimeOffset? CollectedAt { get; }

    /// <summary>Every account the snapshot has a folder or a recorded gap for, and every account of the estate.</summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Opens a snapshot directory to read it account by account.</summary>
    public static SnapshotReader Open(string directory, Estate estate) => new(directory, estate);

    /// <summary>The whole snapshot at once: for small snapshots and tests; a scan reads account by account.</summary>
    public static Snapshot Read(string directory, Estate estate)
    {
        var reader = Open(directory, estate);
        return reader.Merge(reader.Accounts);
    }

    /// <summary>
    /// Only the given accounts: what one part of a scan needs. Quota usage is counted per account,
    /// so an account read alone gives the same resources as the whole snapshot does.
    /// </summary>
    public static Snapshot ReadAccounts(string directory, Estate estate, IReadOnlySet<string> accounts)
    {
        var reader = Open(directory, estate);
        return reader.Merge(reader.Accounts.Where(accounts.Contains));
    }

    /// <summary>
    /// One account: its resources (with the AWS managed policies its authorization details name),
    /// its gaps, and the problems met while reading it. An account with neither data nor a recorded
    /// gap gets a gap.
    /// </summary>
    public Snapshot ReadAccount(string account) => new AccountReader(this, account).Read();

    private Snapshot Merge(IEnumerable<string> accounts)
    {
        var resources = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var gaps = new List<CoverageGap>();
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
            errors.AddRange(part.Errors);
        }
        return new Snapshot(resources.Values.ToList(), gaps, CollectedAt, errors);
    }

    /// <summary>Reads one account folder; holds what it read until <see cref="Read"/> returns it.</summary>
    private sealed class AccountReader
    {
        private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
        private readonly List<CoverageGap> _gaps;
        private readonly List<string> _errors = [];
        private readonly string _directory;
        private readonly string _account;
        private readonly DateTimeOffset? _collectedAt;

        public AccountReader(SnapshotReader snapshot, string account)
        {
            _account = account;
            _directory = SnapshotLayout.Account(snapshot._directory, account);
            _gaps = snapshot._recordedGaps.Where(g => g.AccountId == account).ToList();
            _collectedAt = snapshot.CollectedAt;
        }

        public Snapshot Read()
        {
            if (!Directory.Exists(_directory))
            {
                if (_gaps.Count == 0)
                {
                    _gaps.Add(new CoverageGap(_account, null, CoverageGap.Sources.Snapshot, "the snapshot holds no data for this account"));
                }
                return new Snapshot([], _gaps, _collectedAt, _errors);
            }
            ReadConfigFiles();
            IamFiles.Read(_directory, _account, Add, (file, ex) => Failed(file, null, CoverageGap.Sources.Iam, ex));
            foreach (var file in Files(SnapshotLayout.TaggingFolder, recursive: false))
            {
                Guarded(file, RegionOf(file), CoverageGap.Sources.Tagging, () =>
                {
                    foreach (var (arn, tags) in TaggingFiles.Read(file))
                    {
                        MergeTags(arn, tags);
                    }
                });
            }
            ReadQuotas();
            return new Snapshot(_resources.Values.ToList(), _gaps, _collectedAt, _errors);
        }

        /// <summary>Config files parse in parallel (they are most of a snapshot) and are added in file order.</summary>
        private void ReadConfigFiles()
        {
            var parsed = Files(SnapshotLayout.ConfigFolder, recursive: true)
                .AsParallel()
                .AsOrdered()
                .Select(file => (File: file, Read: Attempt(() => ConfigFiles.Read(file))));
            foreach (var (file, (resources, error)) in parsed)
            {
                if (error is not null)
                {
                    Failed(file, RegionOf(file), CoverageGap.Sources.Config, error);
                    continue;
                }
                resources!.ForEach(Add);
            }
        }

        private void ReadQuotas()
        {
            var counts = new InventoryCounts();
            foreach (var resource in _resources.Values)
            {
                counts.Add(resource);
            }
            foreach (var file in Files(SnapshotLayout.QuotasFolder, recursive: true))
            {
                var region = Path.GetFileName(Path.GetDirectoryName(file))!;
                Guarded(file, region, CoverageGap.Sources.Quotas, () =>
                {
                    foreach (var quota in QuotaFiles.Read(file))
                    {
                        Add(QuotaFiles.ToResource(quota, _account, region, counts,
                            type => !_gaps.Any(g => g.Source != CoverageGap.Sources.Quotas && g.Covers(_account, region, type))));
                    }
                });
            }
        }

        private void Add(Resource resource)
        {
            // IAM read from the authorization details replaces Config's item for the same entity; tags merge.
            if (_resources.TryGetValue(resource.Arn, out var existing) && existing.Tags.Count > 0)
            {
                resource = resource with { Tags = existing.Tags.Concat(resource.Tags).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal) };
            }
            _resources[resource.Arn] = resource;
        }

        private void MergeTags(string arnText, IReadOnlyDictionary<string, string> tags)
        {
            if (_resources.TryGetValue(arnText, out var existing))
            {
                if (tags.All(t => existing.Tags.TryGetValue(t.Key, out var value) && value == t.Value))
                {
                    // Config and the Tagging API usually agree: nothing to copy.
                    return;
                }
                var merged = new Dictionary<string, string>(existing.Tags, StringComparer.Ordinal);
                foreach (var (key, value) in tags)
                {
                    merged[key] = value;
                }
                _resources[arnText] = existing with { Tags = merged };
                return;
            }
            if (!Arn.TryParse(arnText, out var arn))
            {
                _errors.Add($"tagging: '{arnText}' is not an ARN; skipped");
                return;
            }
            // Known only to the Tagging API (Config does not record its type): still a resource to judge.
            _resources[arnText] = new Resource
            {
                Type = ArnResourceTypes.Of(arn),
                Arn = arnText,
                Id = arn.ResourceId,
                Name = arn.ResourceId,
                AccountId = arn.AccountId,
                Region = arn.Region.Length > 0 ? arn.Region : "global",
                Tags = tags,
            };
        }

        private void Guarded(string file, string? region, string source, Action read)
        {
            if (Attempt(() => { read(); return 0; }).Error is { } error)
            {
                Failed(file, region, source, error);
            }
        }

        private void Failed(string file, string? region, string source, Exception ex)
        {
            var message = ex is SnapshotFormatException ? ex.Message : $"{file}: {ex.Message}";
            _errors.Add(message);
            _gaps.Add(new CoverageGap(_account, region, source, $"unreadable snapshot file: {message}"));
        }

        private IEnumerable<string> Files(string folder, bool recursive)
        {
            var path = Path.Combine(_directory, folder);
            return Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.json", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
                : [];
        }
    }

    /// <summary>The value, or the error of a file that could not be read (the errors a snapshot file can give).</summary>
    private static (T? Value, Exception? Error) Attempt<T>(Func<T> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex) when (ex is SnapshotFormatException or IOException or JsonException or FormatException or CsvHelper.CsvHelperException)
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
