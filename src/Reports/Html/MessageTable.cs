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

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

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
        var (kind, parts) = Cut(message, arn);
        // Lengths keep the key unambiguous whatever the parts hold.
        var key = kind == Kind.Text ? "0:" + message : $"{(int)kind}:{string.Join("", parts.Select(p => $"{p.Length}:{p}"))}";
        if (!_index.TryGetValue(key, out var index))
        {
            index = Values.Count;
            Values.Add((kind, parts));
            _index[key] = index;
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

    private static (Kind, string[]) Cut(string message, string arn)
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
