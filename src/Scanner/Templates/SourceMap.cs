namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Where each key and list item under a template's Resources is written: its 1-based line and column, by
/// JSON pointer (RFC 6901, https://www.rfc-editor.org/rfc/rfc6901), so that a finding can be placed at the
/// statement or the property at fault rather than at its resource's logical id.
/// </summary>
internal sealed class SourceMap
{
    private const string Resources = "Resources";

    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    /// <summary>Records where the value at <paramref name="path"/> (keys and list indexes from the root) is written; only under Resources.</summary>
    public void Add(IReadOnlyList<string> path, int line, int column)
    {
        if (path.Count > 0 && path[0] == Resources)
        {
            _positions.TryAdd(Pointer(path), (line, column));
        }
    }

    /// <summary>Records a key or list item below <paramref name="above"/>.</summary>
    public void Add(IReadOnlyList<string> above, string last, int line, int column)
    {
        if (above.Count > 0 ? above[0] == Resources : last == Resources)
        {
            _positions.TryAdd(Pointer([.. above, last]), (line, column));
        }
    }

    /// <summary>Where the value at the pointer is written, or where its closest written parent is; null when not even the root is known.</summary>
    public (int Line, int Column)? Nearest(string pointer)
    {
        for (var at = pointer; at.Length > 0; at = at[..at.LastIndexOf('/')])
        {
            if (_positions.TryGetValue(at, out var position))
            {
                return position;
            }
        }
        return null;
    }

    /// <summary>The pointer of a resource's logical id.</summary>
    public static string OfResource(string logicalId) => Pointer([Resources, logicalId]);

    /// <summary>A JSON pointer from its segments, each escaped as RFC 6901 says ("~" as "~0", "/" as "~1").</summary>
    public static string Pointer(IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
}
