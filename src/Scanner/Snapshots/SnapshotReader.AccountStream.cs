using System.IO.Hashing;
using System.Text;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    /// <summary>
    /// One account read as a compact index and a stream (<see cref="StreamAccount(string)"/>); null when the account has no
    /// folder or the snapshot's collection.json is unreadable, which <see cref="ReadAccount"/> answers in a few lines.
    /// </summary>
    public AccountStream? StreamAccount(string account) => new AccountReader(this, account).Stream();

    /// <summary>
    /// An account read so that memory does not follow its size. Reading it yields first the index: what rules look
    /// up across the account (its IAM: entities, groups, managed policies, the root), what the Tagging API and AWS
    /// RAM add, and the gaps of those. Then <see cref="ReadConfig"/> streams the Config items in batches, each item
    /// as it will be judged (its Tagging API tags merged), while counting what quotas need. Then <see cref="Rest"/>
    /// gives what is judged last: the IAM entities and resource shares (with the tags Config gave them), the
    /// resources only the Tagging API knows, and the quotas. Together they are exactly the resources
    /// <see cref="ReadAccount"/> returns. When the stream cannot say the same (a Config file that is not read whole
    /// the same way, an ARN in two items), <see cref="NotStreamable"/> says why, and the account is read whole.
    /// </summary>
    public sealed class AccountStream
    {
        private readonly AccountReader _reader;

        internal AccountStream(AccountReader reader, Inventory index)
        {
            _reader = reader;
            Index = index;
        }

        /// <summary>What rules look up beyond the judged resource (the account's IAM), as read before the Config items.</summary>
        public Inventory Index { get; }

        /// <summary>The gaps found so far: before <see cref="Rest"/>, every gap that can cover a Config item.</summary>
        public IReadOnlyList<CoverageGap> Gaps => _reader.Gaps;

        public IReadOnlyList<string> Errors => _reader.Errors;

        public DateTimeOffset? CollectedAt => _reader.CollectedAt;

        /// <summary>Why the stream stopped before its end, and the account must be read whole; null while it can go on.</summary>
        public string? NotStreamable { get; private set; }

        /// <summary>How many resources the index phase holds (IAM, shares, the Tagging API's tags not yet met in Config).</summary>
        public int Held => _reader.Held;

        /// <summary>
        /// Hands the Config items to <paramref name="batch"/> in lists of <paramref name="size"/>, file by file; stops
        /// early, with <see cref="NotStreamable"/> set, when a file must be read whole.
        /// </summary>
        public void ReadConfig(int size, Action<List<Resource>> batch) => NotStreamable = _reader.StreamConfig(size, batch);

        /// <summary>After <see cref="ReadConfig"/>: what is judged last, and the index as it then stands (Config's tags merged).</summary>
        public (List<Resource> Resources, Inventory Index) Rest() => _reader.Rest();
    }

    internal sealed partial class AccountReader
    {
        /// <summary>The ARNs read from iam/, ram/ and the services' policy folders: a Config item of one of them gives only its tags (as <see cref="Add"/> merges them).</summary>
        private readonly HashSet<string> _replacing = new(StringComparer.Ordinal);
        /// <summary>The ARNs of the index (<see cref="Inventory.Indexes"/>), in the order they were read.</summary>
        private readonly List<string> _index = [];
        /// <summary>Config's tags for the ARNs read from iam/ and ram/, merged into them at the end.</summary>
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _configTags = new(StringComparer.Ordinal);
        /// <summary>The Config items streamed, by a 128-bit hash of their ARN: an ARN met twice cannot be judged once on the way.</summary>
        private readonly HashSet<UInt128> _streamed = [];
        private readonly InventoryCounts _counts = new();
        private List<string> _configFiles = [];

        public IReadOnlyList<CoverageGap> Gaps => _gaps;
        public int Held => _resources.Count + _tagging.Count;
        public IReadOnlyList<string> Errors => _errors;
        public DateTimeOffset? CollectedAt => _snapshot.CollectedAt;

        public AccountStream? Stream()
        {
            if (_snapshot._collection.Problem is not null || !Directory.Exists(_directory))
            {
                return null;
            }
            if (_snapshot._collection.Warning is { } warning)
            {
                _errors.Add(warning);
            }
            // In the order Read meets them, so that gaps and warnings come out alike.
            _configFiles = Files(SnapshotLayout.ConfigFolder, CoverageGap.Sources.Config, depth: int.MaxValue);
            ParseTaggingAhead();
            ReadIam(resource =>
            {
                Add(resource);
                _replacing.Add(resource.Arn);
                if (Inventory.Indexes(resource))
                {
                    _index.Add(resource.Arn);
                }
            });
            ReadTagging();
            ReadResourceShares(Replacing);
            ReadServicePolicies(Replacing);
            return new AccountStream(this, IndexOf());
        }

        /// <summary>A resource read ahead of the stream (ram/, logs/, glue/, lambda/): a Config item of its ARN gives only its tags.</summary>
        private void Replacing(Resource resource)
        {
            Add(resource);
            _replacing.Add(resource.Arn);
        }

        public string? StreamConfig(int size, Action<List<Resource>> batch)
        {
            var pending = new List<Resource>(size);
            foreach (var file in _configFiles)
            {
                var why = ConfigFileStream.Read(file, _snapshot._directory, _account, _snapshot._limits, (resource, indexed) =>
                {
                    if (Streamed(resource, indexed) is { } judged)
                    {
                        pending.Add(judged);
                        if (pending.Count == size)
                        {
                            batch(pending);
                            pending = new List<Resource>(size);
                        }
                    }
                });
                if (why is not null)
                {
                    return why.Contains(file, StringComparison.Ordinal) ? why : $"{file}: {why}";
                }
            }
            if (pending.Count > 0)
            {
                batch(pending);
            }
            return null;
        }

        /// <summary>A Config item as it will be judged, or null when a resource read from iam/ or ram/ replaces it.</summary>
        /// <param name="indexed">Whether the index keeps the item, when already known (<see cref="Inventory.Indexes"/>; the Tagging API's tags do not change it).</param>
        private Resource? Streamed(Resource item, bool? indexed)
        {
            if (_replacing.Contains(item.Arn))
            {
                if (item.Tags.Count > 0)
                {
                    _configTags[item.Arn] = _configTags.TryGetValue(item.Arn, out var earlier) ? Later(earlier, item.Tags) : item.Tags;
                }
                return null;
            }
            if (!_streamed.Add(HashOf(item.Arn)))
            {
                throw new SnapshotFormatException($"{item.Arn} is in more than one configuration item");
            }
            // What remains of the ARN here is the Tagging API's alone; now it tags its Config item.
            var judged = _tagging.Remove(item.Arn, out var tagged) ? Tagged(item, tagged) : item;
            if (indexed ?? Inventory.Indexes(judged))
            {
                // An IAM entity only Config recorded (no iam/): it joins the index, and is judged with the rest.
                _resources[judged.Arn] = judged;
                _index.Add(judged.Arn);
                return null;
            }
            _counts.Add(judged);
            return judged;
        }

        public (List<Resource> Resources, Inventory Index) Rest()
        {
            TaggedOnly();
            foreach (var (arn, tags) in _configTags)
            {
                // Config was read first: what iam/, the Tagging API and ram/ say of a tag wins.
                var resource = _resources[arn];
                _resources[arn] = resource with { Tags = Later(tags, resource.Tags) };
            }
            _configTags.Clear();
            foreach (var resource in _resources.Values)
            {
                _counts.Add(resource);
            }
            ReadQuotas(_counts);
            return (_resources.Values.ToList(), IndexOf());
        }

        /// <summary>
        /// A 128-bit hash of the ARN, made without an array (a million items are streamed). Not a cryptographic one: two
        /// ARNs made to collide only send their account to be read whole, which judges them alike.
        /// </summary>
        private static UInt128 HashOf(string arn)
        {
            var length = Encoding.UTF8.GetByteCount(arn);
            Span<byte> bytes = length <= 1024 ? stackalloc byte[1024] : new byte[length];
            return XxHash128.HashToUInt128(bytes[..Encoding.UTF8.GetBytes(arn, bytes)]);
        }

        private Inventory IndexOf() => new(_index.Distinct(StringComparer.Ordinal).Select(arn => _resources[arn]));
    }
}
