namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Where in a file a value was read (<c>FILE: configuration item 7</c>, <c>FILE: ResourceTagMappingList[7]</c>), for
/// the messages that refuse it: made into text only when one is written, since a scan names a million items that are
/// never refused. A plain string converts to one.
/// </summary>
internal readonly struct Place
{
    private readonly string _file;
    private readonly string? _before;
    private readonly string? _after;
    private readonly int _index;

    private Place(string file, string? before, int index, string? after)
    {
        _file = file;
        _before = before;
        _index = index;
        _after = after;
    }

    /// <summary>The <paramref name="index"/>-th entry of a file: <c>{file}: {before}{index}{after}</c>.</summary>
    public static Place Entry(string file, string before, int index, string after = "") => new(file, before, index, after);

    /// <summary>Something named within a file (an entry's type, its ARN): <c>{file}: {what}</c>.</summary>
    public static Place Within(string file, string what) => new(file, what, -1, null);

    public static implicit operator Place(string text) => new(text, null, 0, null);

    public override string ToString() => _before is null ? _file : _index < 0 ? $"{_file}: {_before}" : $"{_file}: {_before}{_index}{_after}";
}
