using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Wildcard matching as IAM does it: <c>*</c> any run of characters, <c>?</c> one character; actions
/// compare case-insensitively, resources case-sensitively. In an ARN a wildcard stays inside its
/// colon-separated segment, except that a trailing <c>*</c> runs on to the end (which is also how
/// the last, resource segment may hold colons of its own).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
/// </summary>
public static partial class Wildcard
{
    private const int ArnSegments = 6;

    /// <summary>Whether a glob matches a whole text.</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase)
    {
        // A null pattern or text still fails (a rule's Error), rather than reading as an empty span.
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return Matches(pattern.AsSpan(), text.AsSpan(), ignoreCase);
    }

    /// <summary>As <see cref="Matches(string, string, bool)"/>, on a part of a text (an action's service prefix) without a string of it.</summary>
    internal static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>Whether an action pattern (<c>iam:Create*</c>, <c>*</c>, <c>s3:Get?bject</c>) names an action; case-insensitive.</summary>
    public static bool ActionMatches(string pattern, string action) => Matches(pattern.Trim(), action.Trim(), ignoreCase: true);

    /// <summary>Whether two action patterns name at least one action in common.</summary>
    public static bool ActionsOverlap(string a, string b) => Overlap(a.Trim(), b.Trim(), ignoreCase: true);

    /// <summary>Whether every action <paramref name="query"/> names is named by <paramref name="pattern"/>.</summary>
    public static bool ActionCovers(string pattern, string query) => Covers(pattern.Trim(), query.Trim(), ignoreCase: true);

    /// <summary>Whether a resource pattern matches an ARN (case-sensitive, segment by segment).</summary>
    public static bool ResourceMatches(string pattern, string arn)
    {
        // Asked for every resource pattern of every statement a question reaches (the graph's edges most): the segments are
        // compared where they stand, as BySegments would compare them split.
        var p = WithoutVariables(pattern.Trim());
        var t = WithoutVariables(arn.Trim());
        if (!p.StartsWith("arn:", StringComparison.Ordinal) || !t.StartsWith("arn:", StringComparison.Ordinal))
        {
            return Matches(p, t, ignoreCase: false);
        }
        Span<Range> left = stackalloc Range[ArnSegments];
        Span<Range> right = stackalloc Range[ArnSegments];
        var leftCount = p.AsSpan().Split(left, ':');
        var rightCount = t.AsSpan().Split(right, ':');
        for (var i = 0; i < ArnSegments; i++)
        {
            if (!Matches(Segment(p, left, leftCount, i), Segment(t, right, rightCount, i), ignoreCase: false))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The i-th of the six segments; a short pattern that ends in <c>*</c> runs on over the missing ones.</summary>
    private static ReadOnlySpan<char> Segment(string arn, ReadOnlySpan<Range> ranges, int count, int i) =>
        i < count ? arn.AsSpan()[ranges[i]] : arn.AsSpan()[ranges[count - 1]].EndsWith('*') ? "*" : "\0";

    /// <summary>The text with its policy variables read as <c>*</c>; itself, unscanned, when it holds none.</summary>
    private static string WithoutVariables(string text) =>
        text.Contains("${", StringComparison.Ordinal) ? Variables().Replace(text, "*") : text;

    /// <summary>
    /// Whether two resource patterns can match a common ARN: <c>arn:aws:iam::*:policy/fn2-*</c> and
    /// <c>arn:*:*:*:123456789012:*</c> can; <c>arn:aws:iam::aws:policy/fp4-*</c> (AWS's own namespace)
    /// and any pattern in account 123456789012 cannot.
    /// </summary>
    public static bool ResourcesOverlap(string a, string b) =>
        BySegments(a, b, static (x, y) => Overlap(x, y, ignoreCase: false));

    /// <summary>Whether every ARN <paramref name="query"/> can match is matched by <paramref name="pattern"/>.</summary>
    public static bool ResourceCovers(string pattern, string query) =>
        BySegments(pattern, query, static (p, q) => Covers(p, q, ignoreCase: false));

    /// <summary>
    /// Whether some text matches both globs: a walk over pairs of positions, where a <c>*</c> on either
    /// side may stand still or swallow the other side's next character.
    /// </summary>
    internal static bool Overlap(string a, string b, bool ignoreCase) => Overlap(a.AsSpan(), b.AsSpan(), ignoreCase);

    /// <summary>
    /// As <see cref="Overlap(string, string, bool)"/>, on parts of texts (an ARN's segments). Every step moves forward in
    /// one text or both, so the pairs are visited in order, row by row, each reached from those before it.
    /// </summary>
    private static bool Overlap(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool ignoreCase)
    {
        // A plain text on either side: the other glob matches it or not (most questions are of this kind).
        if (!HasWildcard(b))
        {
            return Matches(a, b, ignoreCase);
        }
        if (!HasWildcard(a))
        {
            return Matches(b, a, ignoreCase);
        }
        var width = b.Length + 1;
        var cells = (a.Length + 1) * width;
        Span<bool> reached = cells <= 1024 ? stackalloc bool[cells] : new bool[cells];
        reached.Clear();
        reached[0] = true;
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                if (!reached[(i * width) + j])
                {
                    continue;
                }
                if (i == a.Length && j == b.Length)
                {
                    return true;
                }
                var aStar = i < a.Length && a[i] == '*';
                var bStar = j < b.Length && b[j] == '*';
                if (aStar || (bStar && i < a.Length))
                {
                    reached[((i + 1) * width) + j] = true;
                }
                if ((aStar && j < b.Length) || bStar)
                {
                    reached[(i * width) + j + 1] = true;
                }
                if (!aStar && !bStar && i < a.Length && j < b.Length && (a[i] == '?' || b[j] == '?' || Same(a[i], b[j], ignoreCase)))
                {
                    reached[((i + 1) * width) + j + 1] = true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Language inclusion, judged by matching the query's own wildcards as plain characters: sound for
    /// the patterns policies hold (a query <c>*</c> is covered only by a pattern <c>*</c> at that place).
    /// </summary>
    private static bool Covers(ReadOnlySpan<char> pattern, ReadOnlySpan<char> query, bool ignoreCase) =>
        !pattern.ContainsAnyExcept('*') || (Matches(pattern, query, ignoreCase) && !CoveredOnlyByQuestionMark(pattern, query));

    private static bool CoveredOnlyByQuestionMark(ReadOnlySpan<char> pattern, ReadOnlySpan<char> query) =>
        query.Contains('*') && !pattern.Contains('*');

    /// <summary>A test of two texts or two segments, on spans: the segments are compared where they stand, never split into strings.</summary>
    private delegate bool SpanTest(ReadOnlySpan<char> a, ReadOnlySpan<char> b);

    private static bool BySegments(string a, string b, SpanTest test)
    {
        a = WithoutVariables(a.Trim());
        b = WithoutVariables(b.Trim());
        if (!a.StartsWith("arn:", StringComparison.Ordinal) || !b.StartsWith("arn:", StringComparison.Ordinal))
        {
            return test(a, b);
        }
        Span<Range> left = stackalloc Range[ArnSegments];
        Span<Range> right = stackalloc Range[ArnSegments];
        var leftCount = a.AsSpan().Split(left, ':');
        var rightCount = b.AsSpan().Split(right, ':');
        for (var i = 0; i < ArnSegments; i++)
        {
            if (!test(Segment(a, left, leftCount, i), Segment(b, right, rightCount, i)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool HasWildcard(ReadOnlySpan<char> text) => text.IndexOfAny('*', '?') >= 0;

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    /// <summary>
    /// Policy variables (<c>${aws:username}</c>) take the requester's values, so for our purposes they
    /// match anything. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    /// </summary>
    [GeneratedRegex(@"\$\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variables();
}
