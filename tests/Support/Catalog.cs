using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>The repository's rule catalog, compiled once for the whole test run.</summary>
internal static class Catalog
{
    private static readonly Lazy<RuleCatalog> Compiled = new(() => RuleCompiler.Compile(Sources()));

    public static RuleCatalog Rules => Compiled.Value;

    public static IReadOnlyList<RuleSource> Sources() =>
        Directory.EnumerateFiles(RepoPaths.Catalog, "*.csx", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new RuleSource(Path.GetRelativePath(RepoPaths.Root, path), File.ReadAllText(path)))
            .ToList();

    public static string FixturePath(Rule rule) =>
        Path.Combine(RepoPaths.Root, Path.ChangeExtension(rule.Path, null) + ".tests.json");
}
