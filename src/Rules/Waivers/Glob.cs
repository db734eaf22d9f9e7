namespace Ocado.Guardrails.Rules.Waivers;

/// <summary>
/// Wildcard matching for waiver patterns: <c>*</c> any run of characters (colons and slashes
/// included, as in IAM's resource matching), <c>?</c> exactly one; everything else literal and case-sensitive.
/// </summary>
public static class Glob
{
    public static bool Matches(string pattern, string text)
    {
        // Iterative with one backtrack point: linear in practice and never exponential, whatever the pattern.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
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
}
