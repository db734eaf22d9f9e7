using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a snapshot directory (layout in DESIGN.md). A file that cannot be read is named in
/// <see cref="Snapshot.Errors"/> and becomes a coverage gap for what it would have held; the rest
/// of the snapshot is read. An account of the estate with no data and no recorded gap is a gap too:
/// silence never reads as clean.
/// </summary>
internal sealed partial class SnapshotReader
{
    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly List<CoverageGap> _gaps = [];
    private readonly List<string> _errors = [];

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountFolder();

    public static Snapshot Read(string directory, Estate estate) => new SnapshotReader().ReadAll(directory, estate, null);

    /// <summary>
    /// Only the given accounts: what one part of a scan needs. Quota usage is counted per account,
    /// so an account read alone gives the same resources as the whole snapshot does.
    /// </summary>
    public static Snapshot ReadAccounts(string directory, Estate estate, IReadOnlySet<string> accounts) =>
        new SnapshotReader().ReadAll(directory, estate, accounts);

    private Snapshot ReadAll(string directory, Estate estate, IReadOnlySet<string>? only)
    {
        var collection = CollectionFile.Read(Path.Combine(directory, "collection.json"));
        _gaps.AddRange(collection.Gaps.Where(g => only is null || only.Contains(g.AccountId)));
        var accounts = Directory.EnumerateDirectories(directory)
            .Where(d => AccountFolder().IsMatch(Path.GetFileName(d)) && (only is null || only.Contains(Path.GetFileName(d))))
            .Order(StringComparer.Ordinal)
            .ToList();
        var quotaFiles = new List<(string Account, string Region, string Path)>();
        foreach (var accountDirectory in accounts)
        {
            var account = Path.GetFileName(accountDirectory);
            ReadAccount(accountDirectory, account);
            quotaFiles.AddRange(Files(accountDirectory, "quotas", "*.json", recursive: true)
                .Select(f => (account, Path.GetFileName(Path.GetDirectoryName(f))!, f)));
        }

        var counts = new InventoryCounts();
        foreach (var resource in _resources.Values)
        {
            counts.Add(resource);
        }
        foreach (var (account, region, file) in quotaFiles)
        {
            Guarded(file, account, region, CoverageGap.Sources.Quotas, () =>
            {
                foreach (var quota in QuotaFiles.Read(file))
                {
                    Add(QuotaFiles.ToResource(quota, account, region, counts,
                        type => !_gaps.Any(g => g.Source != CoverageGap.Sources.Quotas && g.Covers(account, region, type))));
                }
            });
        }

        var present = accounts.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var account in estate.Accounts.Where(a => (only is null || only.Contains(a)) && !present.Contains(a) && !_gaps.Any(g => g.AccountId == a)))
        {
            _gaps.Add(new CoverageGap(account, null, CoverageGap.Sources.Snapshot, "the snapshot holds no data for this account"));
        }
        return new Snapshot(_resources.Values.ToList(), _gaps, collection.CollectedAt, _errors);
    }

    private void ReadAccount(string directory, string account)
    {
        foreach (var file in Files(directory, "config", "*.json", recursive: true))
        {
            Guarded(file, account, RegionOf(file), CoverageGap.Sources.Config, () => ConfigFiles.Read(file).ForEach(Add));
        }
        IamFiles.Read(directory, account, Add, (file, ex) => Failed(file, account, null, CoverageGap.Sources.Iam, ex));
        foreach (var file in Files(directory, "tagging", "*.json", recursive: false))
        {
            Guarded(file, account, RegionOf(file), CoverageGap.Sources.Tagging, () =>
            {
                foreach (var (arn, tags) in TaggingFiles.Read(file))
                {
                    MergeTags(arn, tags);
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

    private void Guarded(string file, string account, string? region, string source, Action read)
    {
        try
        {
            read();
        }
        catch (Exception ex) when (ex is SnapshotFormatException or IOException or JsonException or FormatException or CsvHelper.CsvHelperException)
        {
            Failed(file, account, region, source, ex);
        }
    }

    private void Failed(string file, string account, string? region, string source, Exception ex)
    {
        var message = ex is SnapshotFormatException ? ex.Message : $"{file}: {ex.Message}";
        _errors.Add(message);
        _gaps.Add(new CoverageGap(account, region, source, $"unreadable snapshot file: {message}"));
    }

    private static IEnumerable<string> Files(string directory, string folder, string pattern, bool recursive)
    {
        var path = Path.Combine(directory, folder);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];
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
