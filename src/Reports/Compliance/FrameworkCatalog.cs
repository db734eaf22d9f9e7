using System.Text.Json;

namespace Ocado.Guardrails.Reports.Compliance;

/// <summary>
/// The frameworks the report scores, read once from frameworks.json (embedded in this assembly).
/// The controls are data, not code, so that a new benchmark version is a reviewed file change, and
/// so that the controls no rule covers can be listed as not covered rather than left out.
/// </summary>
internal static class FrameworkCatalog
{
    public static IReadOnlyList<Framework> All { get; } = Load();

    private static IReadOnlyList<Framework> Load()
    {
        using var stream = typeof(FrameworkCatalog).Assembly.GetManifestResourceStream("frameworks.json")
                           ?? throw new InvalidOperationException("frameworks.json is not embedded in the reports assembly.");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("frameworks").EnumerateArray().Select(f => new Framework(
            Text(f, "id"), Text(f, "name"), Text(f, "prefix"), Text(f, "source"), Text(f, "scope"),
            [.. f.GetProperty("controls").EnumerateArray().Select(c => new FrameworkControl(Text(c, "id"), Text(c, "title")))]))];
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"frameworks.json: {name} is null.");
}
