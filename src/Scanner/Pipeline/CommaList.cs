namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>The values of a repeatable option whose each value may also be a comma-separated list (<c>--format json,sarif --format csv</c>).</summary>
internal static class CommaList
{
    /// <summary>Each name once, in the order first given, trimmed; empty items are dropped.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.OrdinalIgnoreCase)];
}
