using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Finds the rule scripts of a catalog folder and compiles them, with compiled catalogs cached on
/// disk by content hash so that an unchanged catalog loads without compiling.
/// </summary>
internal static class RuleCatalogFiles
{
    public static IReadOnlyList<RuleSource> Sources(IEnumerable<string> paths)
    {
        var sources = new List<RuleSource>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(Directory.EnumerateFiles(path, "*.csx", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(file => new RuleSource(Relative(file), File.ReadAllText(file))));
            }
            else if (File.Exists(path))
            {
                sources.Add(new RuleSource(Relative(path), File.ReadAllText(path)));
            }
            else
            {
                throw new FileNotFoundException($"no rule file or folder at {path}", path);
            }
        }
        return sources;
    }

    public static RuleCatalog Load(IEnumerable<string> paths, string? cacheDirectory = null) =>
        RuleCompiler.Compile(Sources(paths), new DiskCache(cacheDirectory ?? DefaultCacheDirectory()));

    /// <summary>
    /// The catalog to use when none is named: the rules-catalog folder beside the configuration (an estate's own
    /// catalog), else ./rules-catalog (a developer's working copy), else the catalog carried beside the program
    /// (a tool or a published install). The scan says which one it loads.
    /// </summary>
    public static string DefaultCatalog(string? configPath = null)
    {
        string?[] candidates =
        [
            configPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, "rules-catalog"),
            Path.Combine(Environment.CurrentDirectory, "rules-catalog"),
            Path.Combine(AppContext.BaseDirectory, "rules-catalog"),
        ];
        return candidates.OfType<string>().FirstOrDefault(Directory.Exists) ?? Path.Combine(AppContext.BaseDirectory, "rules-catalog");
    }

    private static string DefaultCacheDirectory() =>
        Environment.GetEnvironmentVariable("GUARDRAILS_CACHE")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ocado-guardrails", "rules");

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }

    private sealed class DiskCache(string directory) : IRuleAssemblyCache
    {
        public byte[]? Get(string hash)
        {
            var path = Path.Combine(directory, hash + ".dll");
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Put(string hash, byte[] image)
        {
            try
            {
                Directory.CreateDirectory(directory);
                var temporary = Path.Combine(directory, $"{hash}.{Environment.ProcessId}.tmp");
                File.WriteAllBytes(temporary, image);
                File.Move(temporary, Path.Combine(directory, hash + ".dll"), overwrite: true);
            }
            catch (IOException)
            {
                // A cache that cannot be written only costs the next run a compile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
