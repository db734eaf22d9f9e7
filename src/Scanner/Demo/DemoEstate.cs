using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Generates a demo estate: a snapshot directory in AWS's own formats (docs/demo-estate.md), with violations of every
/// rule of the catalog planted at known places and listed in <c>demo-manifest.json</c>. Same seed and size, same
/// bytes. Accounts are generated in parallel, each streaming its files, so a million resources never sit in memory.
/// </summary>
public static class DemoEstate
{
    public static DemoManifest Write(string directory, DemoOptions options, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Prepare(directory);
        var layout = DemoLayout.Create(options.Seed, options.Accounts);
        EstateYamlWriter.Write(directory, layout, options);
        CollectionFile.Write(directory, new CollectionSummary(DemoLayout.CollectedAt, [.. layout.Collected.Select(a => a.Id)], DemoLayout.Regions, [layout.PlantedGap()]));
        DemoOrganization.Write(directory, layout);

        long written = 0;
        void Report(int count)
        {
            var total = Interlocked.Add(ref written, count);
            progress?.Report((int)Math.Min(int.MaxValue, total));
        }
        var scale = options.Size / (double)DemoOptions.DefaultSize;
        var contexts = layout.Collected
            .Select(account => new AccountContext(layout, account, directory, options.Seed, scale, Report))
            .ToArray();
        // Every account alike, or the large accounts share the size and the others keep their fixed part.
        var large = options.LargeAccounts ?? contexts.Length;
        var budget = options.Size / large;
        Parallel.ForEach(contexts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            context => AccountGenerator.Generate(context, Array.IndexOf(contexts, context) < large ? budget : 0));

        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in contexts.SelectMany(c => c.ResourcesByType))
        {
            byType[type] = byType.GetValueOrDefault(type) + count;
        }
        var manifest = new DemoManifest
        {
            Seed = options.Seed,
            Size = options.Size,
            CollectedAt = DemoLayout.CollectedAt,
            Resources = byType.Values.Sum(),
            ResourcesByType = byType,
            GapAccountId = layout.Gap.Id,
            PayloadResourceArn = contexts.Select(c => c.PayloadArn).Single(a => a is not null)!,
            Violations = contexts.SelectMany(c => c.Violations).Concat(DemoOrganization.PlantedViolations(layout)).Concat(GraphViolations.Derive(directory, layout))
                .OrderBy(v => v.RuleId, StringComparer.Ordinal)
                .ThenBy(v => v.ResourceArn, StringComparer.Ordinal)
                .ToList(),
        };
        manifest.Write(directory);
        return manifest;
    }

    /// <summary>
    /// Creates the directory, or empties it when it holds an earlier demo (stale accounts of another seed would
    /// otherwise join the estate). Any other non-empty directory is refused: it is not ours to delete.
    /// </summary>
    private static void Prepare(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (!info.Exists || !info.EnumerateFileSystemInfos().Any())
        {
            info.Create();
            return;
        }
        if (!File.Exists(Path.Combine(directory, DemoManifest.FileName)))
        {
            throw new IOException($"{directory} is not empty and holds no earlier demo ({DemoManifest.FileName}); choose an empty directory.");
        }
        foreach (var entry in info.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo child)
            {
                child.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
