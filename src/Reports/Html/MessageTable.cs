namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Messages, shared between findings as templates. Rules name the resource in their message, so
/// nearly every message is distinct; cut at the resource's ARN (or else its name), most of them are
/// one of a few templates. A template is its text, or its parts with <see cref="Kind"/> saying what
/// joins them; report.js joins them back. 100,000 findings' messages shrink from megabytes to kilobytes.
/// </summary>
internal sealed class MessageTable
{
    /// <summary>Names shorter than this (a queue called "q") would cut ordinary words.</summary>
    private const int MinNameLength = 4;

    // Keyed by the template itself: a key string per finding was one more copy of every message while the report was built.
    private readonly Dictionary<(Kind Kind, string[] Parts), int> _index = new(TemplateComparer.Instance);

    /// <summary>What joins a template's parts.</summary>
    public enum Kind
    {
        Text = 0,
        Arn = 1,
        Name = 2,
    }

    public List<(Kind Kind, string[] Parts)> Values { get; } = [];

    public int Count => Values.Count;

    public int Add(string message, string arn)
    {
        var template = Cut(message, arn);
        if (!_index.TryGetValue(template, out var index))
        {
            index = Values.Count;
            Values.Add(template);
            _index[template] = index;
        }
        return index;
    }

    /// <summary>The message again, as the page shows it.</summary>
    public static string Join((Kind Kind, string[] Parts) template, string arn) => template.Kind switch
    {
        Kind.Arn => string.Join(arn, template.Parts),
        Kind.Name => string.Join(ArnText.Name(arn), template.Parts),
        _ => template.Parts[0],
    };

    /// <summary>Two templates are one when they are of one kind and have the same parts, in order (ordinal).</summary>
    private sealed class TemplateComparer : IEqualityComparer<(Kind Kind, string[] Parts)>
    {
        public static readonly TemplateComparer Instance = new();

        public bool Equals((Kind Kind, string[] Parts) x, (Kind Kind, string[] Parts) y) =>
            x.Kind == y.Kind && x.Parts.AsSpan().SequenceEqual(y.Parts, StringComparer.Ordinal);

        public int GetHashCode((Kind Kind, string[] Parts) template)
        {
            var hash = new HashCode();
            hash.Add(template.Kind);
            foreach (var part in template.Parts)
            {
                hash.Add(part, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }

    private static (Kind Kind, string[] Parts) Cut(string message, string arn)
    {
        if (arn.Length > 0 && message.Contains(arn, StringComparison.Ordinal))
        {
            return (Kind.Arn, message.Split(arn));
        }
        var name = ArnText.Name(arn);
        if (name.Length >= MinNameLength && message.Contains(name, StringComparison.Ordinal))
        {
            return (Kind.Name, message.Split(name));
        }
        return (Kind.Text, [message]);
    }
}
