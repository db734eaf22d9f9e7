using System.Text;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, <c>${s3:prefix, 'home'}</c>) replaced
/// by the request's values, and the three special characters <c>${*}</c>, <c>${?}</c>, <c>${$}</c> by a literal
/// <c>*</c>, <c>?</c>, <c>$</c>. Literal wildcards must not act as wildcards, so the text comes back in the
/// "glob form" of <see cref="Glob"/>: a literal <c>*</c> or <c>?</c>, whether from the request or from
/// <c>${*}</c>, is encoded as a private-use character that only matches itself.
/// A variable whose key the request lacks (and has no default) makes the value match nothing, as AWS does.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
/// </summary>
internal static class PolicyVariables
{
    /// <summary>The pattern in glob form, or null when it names a variable the request does not carry.</summary>
    public static string? Substitute(string pattern, RequestContext request)
    {
        if (!pattern.Contains("${", StringComparison.Ordinal))
        {
            return pattern;
        }
        var text = new StringBuilder(pattern.Length);
        var i = 0;
        while (i < pattern.Length)
        {
            var close = pattern.IndexOf('}', i);
            if (pattern[i] != '$' || i + 1 >= pattern.Length || pattern[i + 1] != '{' || close < 0)
            {
                text.Append(pattern[i++]);
                continue;
            }
            var value = Resolve(pattern[(i + 2)..close], request);
            if (value is null)
            {
                return null;
            }
            text.Append(value);
            i = close + 1;
        }
        return text.ToString();
    }

    /// <summary>
    /// A Resource element's pattern: variables stand only in the resource part of the ARN, after the fifth
    /// colon; before it (service, region, account) the text is taken as written, so it matches no real ARN
    /// (null, as for a variable the request lacks).
    /// </summary>
    public static string? SubstituteInResource(string pattern, RequestContext request)
    {
        // The fifth colon outside any ${...} (a variable's own key has a colon: ${aws:username}).
        var (colon, colons, inside) = (-1, 0, false);
        for (var i = 0; i < pattern.Length && colons < 5; i++)
        {
            inside = pattern[i] == '$' && i + 1 < pattern.Length && pattern[i + 1] == '{' || (inside && pattern[i] != '}');
            if (!inside && pattern[i] == ':' && ++colons == 5)
            {
                colon = i;
            }
        }
        if (colon < 0)
        {
            return pattern;
        }
        // "${...}" before the fifth colon is text, and no real ARN has it there: the pattern matches nothing.
        return pattern[..colon].Contains("${", StringComparison.Ordinal) ? null
            : Substitute(pattern[(colon + 1)..], request) is { } rest ? pattern[..(colon + 1)] + rest : null;
    }

    /// <summary>One variable's value in glob form; the special characters first, then a key with an optional default.</summary>
    private static string? Resolve(string inside, RequestContext request)
    {
        switch (inside.Trim())
        {
            case "*":
                return Glob.LiteralStar.ToString();
            case "?":
                return Glob.LiteralQuestion.ToString();
            case "$":
                return "$";
        }
        var comma = inside.IndexOf(',', StringComparison.Ordinal);
        var key = (comma < 0 ? inside : inside[..comma]).Trim();
        var fallback = comma < 0 ? null : inside[(comma + 1)..].Trim().Trim('\'');
        // Only single-valued keys can stand in a variable; a multivalued one is not substituted.
        var values = request.Get(key);
        var value = values is [var one] ? one : fallback;
        return value is null ? null : Glob.Literal(value);
    }
}
