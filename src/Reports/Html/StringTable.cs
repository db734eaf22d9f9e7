namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Distinct strings and their indexes. The report's data refers to repeated values (rule ids,
/// accounts, regions, even ARNs and messages) by index, which keeps 100,000 findings to a few MB.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;

    public int Count => _values.Count;

    public string this[int index] => _values[index];

    public int Add(string value)
    {
        if (!_index.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _index.Add(value, index);
            _values.Add(value);
        }
        return index;
    }

    public void AddRange(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public int IndexOf(string value) => _index.GetValueOrDefault(value, -1);
}
