using System.Text.Json;
using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

/// <summary>Builds demo estates in temporary directories and reads them back for the tests.</summary>
internal static class DemoBuilder
{
    /// <summary>The smallest demo: quick to generate, still every type and every rule.</summary>
    public const int SmallSize = DemoOptions.MinimumSize;

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "guardrails-demo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static (string Directory, DemoManifest Manifest) Generate(int size = SmallSize, int seed = DemoOptions.DefaultSeed)
    {
        var directory = TempDirectory();
        return (directory, DemoEstate.Write(directory, new DemoOptions { Seed = seed, Size = size }));
    }

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static IEnumerable<string> Files(string directory, string pattern = "*") =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static JsonDocument Json(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream);
    }

    /// <summary>Every configuration item of the snapshot's Config files.</summary>
    public static IEnumerable<JsonElement> ConfigurationItems(string directory) =>
        ConfigurationItemsIn(Files(directory, "*.json").Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "config"));

    /// <summary>Every configuration item of the Config files directly in a directory.</summary>
    public static IEnumerable<JsonElement> ConfigurationItemsIn(string directory) =>
        ConfigurationItemsIn(Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal));

    /// <summary>The ARN of every quota in the snapshot.</summary>
    public static HashSet<string> QuotaArns(string directory)
    {
        var arns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files(directory, "*.json").Where(f => f.Contains("/quotas/", StringComparison.Ordinal)))
        {
            using var document = Json(file);
            arns.UnionWith(document.RootElement.GetProperty("Quotas").EnumerateArray().Select(q => q.GetProperty("QuotaArn").GetString()!));
        }
        return arns;
    }

    private static IEnumerable<JsonElement> ConfigurationItemsIn(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            using var document = Json(file);
            foreach (var item in document.RootElement.GetProperty("configurationItems").EnumerateArray())
            {
                yield return item.Clone();
            }
        }
    }

    /// <summary>Every (ARN, tags) entry of the snapshot's Tagging API files.</summary>
    public static IEnumerable<(string Arn, Dictionary<string, string> Tags)> TagMappings(string directory)
    {
        foreach (var file in Files(directory, "*.json").Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "tagging"))
        {
            using var document = Json(file);
            foreach (var mapping in document.RootElement.GetProperty("ResourceTagMappingList").EnumerateArray())
            {
                var tags = mapping.GetProperty("Tags").EnumerateArray()
                    .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!, StringComparer.Ordinal);
                yield return (mapping.GetProperty("ResourceARN").GetString()!, tags);
            }
        }
    }

    public static Dictionary<string, string> Tags(JsonElement item) =>
        item.GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
}
