using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The message of a Pass or a Skip, written as an interpolated string in a rule. A scan keeps neither
/// (unless asked to list passes), so the message is not formatted at all then: most evaluations pass,
/// and formatting a message nobody reads was a good part of what a rule cost.
/// </summary>
[InterpolatedStringHandler]
public ref struct RuleMessage
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _kept;

    public RuleMessage(int literalLength, int formattedCount, RuleScript script, out bool kept)
    {
        kept = _kept = script.KeepsMessages;
        _text = kept ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _text.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _text.AppendFormatted(value, alignment, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The formatted text, or "" when the scan keeps no such message.</summary>
    internal string Text() => _kept ? _text.ToStringAndClear() : "";
}
