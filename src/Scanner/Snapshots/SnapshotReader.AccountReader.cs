using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    /// <summary>Reads one account folder; holds what it read until <see cref="Read"/> returns it.</summary>
    internal sealed partial class AccountReader
    {
        private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
        /// <summary>
        /// The Tagging API's tags of ARNs nothing else has named yet, in the order first met: a Config item, an IAM entity
        /// or a share of the ARN takes them over; what remains becomes a resource of its own (<see cref="TaggedOnly"/>).
        /// </summary>
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _tagging = new(StringComparer.Ordinal);
        private readonly List<CoverageGap> _gaps;
        private readonly List<string> _errors = [];
        /// <summary>The account's one copy of each tag key and value, asked from every core without a lock (most are met before).</summary>
        private readonly SharedStrings _shared = new();
        private readonly SnapshotReader _snapshot;
        private readonly string _directory;
        private readonly string _account;

        public AccountReader(SnapshotReader snapshot, string account)
        {
            _snapshot = snapshot;
            _account = account;
            _directory = SnapshotLayout.Account(snapshot._directory, account);
            _gaps = snapshot._collection.Gaps.Where(g => g.AccountId == account).ToList();
        }

        public Snapshot Read()
        {
            if (_snapshot._collection.Problem is { } problem)
            {
                // The recorded gaps are unknown: any account may have been left uncollected, so none is called covered.
                _errors.Add(problem);
                _gaps.Add(new CoverageGap(_account, null, CoverageGap.Sources.Snapshot, $"unreadable snapshot file: {problem}: what could not be collected is unknown"));
            }
            if (_snapshot._collection.Warning is { } warning)
            {
                _errors.Add(warning);
            }
            if (!Directory.Exists(_directory))
            {
                if (InputFile.Exists(_directory))
                {
                    Failed(_directory, null, CoverageGap.Sources.Snapshot, new SnapshotFormatException($"{_directory}: not a folder: the account's data was not read"));
                }
                else if (_gaps.Count == 0)
                {
                    _gaps.Add(new CoverageGap(_account, null, CoverageGap.Sources.Snapshot, "the snapshot holds no data for this account"));
                }
                return Result();
            }
            ReadConfigFiles();
            ParseTaggingAhead();
            ReadIam(Add);
            ReadTagging();
            TaggedOnly();
            ReadResourceShares(Add);
            ReadServicePolicies(Add);
            ReadQuotas(Counts(_resources.Values));
            return Result();
        }

        private void ReadIam(Action<Resource> add)
        {
            if (Folder("iam", CoverageGap.Sources.Iam))
            {
                IamFiles.Read(_directory, _account, _snapshot._directory, _snapshot._limits, add, (file, ex) => Failed(file, null, CoverageGap.Sources.Iam, ex),
                    (file, ex) => Failed(file, null, CoverageGap.Sources.ServiceLastAccessed, ex));
            }
        }

        /// <summary><c>ram/REGION/</c>: a region's three RAM files together, or a gap naming the file that failed.</summary>
        private void ReadResourceShares(Action<Resource> add)
        {
            if (!Folder(SnapshotLayout.RamFolder, CoverageGap.Sources.Ram))
            {
                return;
            }
            foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_directory, SnapshotLayout.RamFolder)).Order(StringComparer.Ordinal))
            {
                var region = Path.GetFileName(folder);
                if (!SnapshotLayout.IsRegion(region))
                {
                    _errors.Add($"{folder}: ignored: ram/ holds a folder per region");
                    continue;
                }
                Guarded(folder, region, CoverageGap.Sources.Ram, () => RamFiles.Read(folder, _account, region, _snapshot._directory, _snapshot._limits).ForEach(add));
            }
        }

        private Snapshot Result() => new(_resources.Values.ToList(), _gaps, _snapshot.CollectedAt, _errors);

        /// <summary>Config files parse in parallel (they are most of a snapshot) and are added in file order.</summary>
        private void ReadConfigFiles()
        {
            var parsed = Files(SnapshotLayout.ConfigFolder, CoverageGap.Sources.Config, depth: int.MaxValue)
                .AsParallel()
                .AsOrdered()
                .Select(file => (File: file, Read: Attempt(() => ConfigFiles.Read(file, _snapshot._directory, _account, _snapshot._limits))));
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

        private static InventoryCounts Counts(IEnumerable<Resource> resources)
        {
            var counts = new InventoryCounts();
            foreach (var resource in resources)
            {
                counts.Add(resource);
            }
            return counts;
        }

        /// <summary>Quotas come last: their usage counts every other resource of the account (<paramref name="counts"/>).</summary>
        private void ReadQuotas(InventoryCounts counts)
        {
            foreach (var file in Files(SnapshotLayout.QuotasFolder, CoverageGap.Sources.Quotas, depth: 2))
            {
                var folder = Path.GetDirectoryName(file)!;
                if (Path.GetFullPath(Path.GetDirectoryName(folder)!) != Path.GetFullPath(Path.Combine(_directory, SnapshotLayout.QuotasFolder)))
                {
                    // quotas/SERVICE.json: whose region it is, is unknown.
                    Failed(file, null, CoverageGap.Sources.Quotas, new SnapshotFormatException($"{file}: not in a region folder (quotas/REGION/SERVICE.json): not read"));
                    continue;
                }
                var region = Path.GetFileName(folder);
                Guarded(file, region, CoverageGap.Sources.Quotas, () =>
                {
                    var quotas = QuotaFiles.Read(file, _snapshot._directory, _snapshot._limits);
                    var read = quotas.Select(quota => QuotaFiles.ToResource(quota, _account, region, counts,
                        type => !_gaps.Any(g => g.Source != CoverageGap.Sources.Quotas && g.Covers(_account, region, type)))).ToList();
                    read.ForEach(Add);
                });
            }
        }

        private void Add(Resource resource)
        {
            // IAM read from the authorization details replaces Config's item for the same entity; tags merge.
            var existing = _resources.TryGetValue(resource.Arn, out var read) ? read.Tags : _tagging.Remove(resource.Arn, out var tagging) ? tagging : null;
            if (existing is { Count: > 0 })
            {
                resource = resource with { Tags = Later(existing, resource.Tags) };
            }
            _resources[resource.Arn] = resource;
        }

        private void MergeTags(string arnText, IReadOnlyDictionary<string, string> tags)
        {
            if (_resources.TryGetValue(arnText, out var existing))
            {
                _resources[arnText] = Tagged(existing, tags);
                return;
            }
            // Held until the stream meets its Config item (most ARNs have one): its tags are mostly the same few strings, read as kept once (Shared).
            _tagging[arnText] = _tagging.TryGetValue(arnText, out var earlier) ? Later(earlier, tags) : tags;
        }

        /// <summary>The ARNs only the Tagging API knows (Config does not record their type): still resources to judge.</summary>
        private void TaggedOnly()
        {
            foreach (var (arnText, tags) in _tagging)
            {
                // TaggingFiles checked it is an ARN of this account (or of none, as a bucket's).
                var arn = Arn.Parse(arnText);
                _resources[arnText] = new Resource
                {
                    Type = ArnResourceTypes.Of(arn),
                    Arn = arnText,
                    Id = arn.ResourceId,
                    Name = arn.ResourceId,
                    AccountId = Shared(arn.AccountId),
                    Region = arn.Region.Length > 0 ? Shared(arn.Region) : "global",
                    Tags = tags,
                };
            }
            _tagging.Clear();
        }

        /// <summary>The account's one copy of a string; the Tagging API's files are read two at a time (a lock here was their largest wait).</summary>
        private string Shared(string text) => _shared.Of(text);

        /// <summary>The resource with the Tagging API's tags over its own (the Tagging API's win).</summary>
        private static Resource Tagged(Resource resource, IReadOnlyDictionary<string, string> tags)
        {
            if (Holds(resource, tags))
            {
                // Config and the Tagging API usually agree: nothing to copy.
                return resource;
            }
            var merged = new Dictionary<string, string>(resource.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }
            return resource with { Tags = merged };
        }

        /// <summary>Whether the resource has every one of <paramref name="tags"/> already (a loop: this runs for most streamed items).</summary>
        private static bool Holds(Resource resource, IReadOnlyDictionary<string, string> tags)
        {
            foreach (var (key, value) in tags)
            {
                if (!resource.Tags.TryGetValue(key, out var own) || own != value)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Tags of two reads of one resource, the later's winning: as <see cref="Add"/> merges them.</summary>
        private static Dictionary<string, string> Later(IReadOnlyDictionary<string, string> earlier, IReadOnlyDictionary<string, string> later) =>
            earlier.Concat(later).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

        private void Guarded(string file, string? region, string source, Action read)
        {
            if (Attempt(() => { read(); return 0; }).Error is { } error)
            {
                Failed(file, region, source, error);
            }
        }

        private void Failed(string file, string? region, string source, Exception ex)
        {
            // The gap names the file, whatever named the fault (a quota's own ARN, say).
            var message = ex.Message.Contains(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}";
            _errors.Add(message);
            _gaps.Add(new CoverageGap(_account, region, source, $"unreadable snapshot file: {message}"));
        }
    }
}
