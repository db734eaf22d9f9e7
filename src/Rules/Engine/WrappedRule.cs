namespace Ocado.Guardrails.Rules.Engine;

/// <summary>One line of the author's text inside the generated source: where it starts there, how long it is, its line in the rule file.</summary>
/// <param name="InBody">Whether the line is part of the body (else a <c>using</c> line lifted above the class).</param>
internal readonly record struct AuthorSegment(int Start, int Length, int Line, bool InBody)
{
    public int End => Start + Length;
}

/// <summary>
/// A rule wrapped as a class, with the positions of the author's own text. Positions are those of
/// the generated text, mapped back by this table rather than by <c>#line</c>, which an author
/// could otherwise write to hide code or to point a diagnostic elsewhere.
/// </summary>
internal sealed record WrappedRule(RuleSource Source, string Text, IReadOnlyList<AuthorSegment> Segments)
{
    /// <summary>The author's line that holds a generated position, or null when the wrapper wrote it.</summary>
    public AuthorSegment? SegmentAt(int position)
    {
        // A position at a line's end (its newline) still belongs to that line.
        foreach (var segment in Segments)
        {
            if (position >= segment.Start && position <= segment.End)
            {
                return segment;
            }
        }
        return null;
    }

    public bool IsAuthors(int position) => SegmentAt(position) is not null;

    /// <summary><c>path(line,col)</c> of a generated position, in the rule file's own coordinates.</summary>
    public string Where(int position) =>
        SegmentAt(position) is { } s ? $"{Source.Path}({s.Line},{position - s.Start + 1})" : $"{Source.Path}(1,1)";

    public int BodyStart => Segments.FirstOrDefault(s => s.InBody).Start;

    public int BodyEnd => Segments.LastOrDefault(s => s.InBody).End;
}
