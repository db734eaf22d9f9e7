using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Turns a rule script into a class whose <see cref="RuleScript.Evaluate"/> is the script's body.
/// The script's own <c>using</c> lines move above the class; <c>#line</c> directives keep every
/// line where the author wrote it, and the body keeps its columns. The result also says which
/// characters of the generated text are the author's (<see cref="WrappedRule"/>), so that the
/// confinement judges the author's text by position, never by what a <c>#line</c> claims.
/// </summary>
internal static partial class RuleWrapper
{
    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>, ]+)?\s*;\s*(//.*)?$")]
    private static partial Regex UsingLine();

    private const string Guard = "global::Ocado.Guardrails.Rules.Engine.RuleGuard";

    public static WrappedRule Wrap(RuleSource source, int bodyLine, string className)
    {
        var lines = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var path = source.Path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var text = new StringBuilder();
        var segments = new List<AuthorSegment>();
        text.AppendLine("#line hidden");
        foreach (var name in RuleCompiler.DefaultUsings)
        {
            text.Append("using ").Append(name).AppendLine(";");
        }

        var first = bodyLine - 1;
        while (first < lines.Length && (string.IsNullOrWhiteSpace(lines[first]) || UsingLine().IsMatch(lines[first])
               || lines[first].TrimStart().StartsWith("//", StringComparison.Ordinal)))
        {
            if (UsingLine().IsMatch(lines[first]))
            {
                text.Append(CultureInfo.InvariantCulture, $"#line {first + 1} \"{path}\"").AppendLine();
                segments.Add(new AuthorSegment(text.Length, lines[first].Length, first + 1, InBody: false));
                text.AppendLine(lines[first]);
            }
            first++;
        }

        // The guard call sits on the hidden line before the body: the body itself keeps its columns.
        text.AppendLine("#line hidden")
            .AppendLine("namespace Ocado.Guardrails.CompiledRules {")
            .Append("public sealed class ").Append(className).AppendLine(" : global::Ocado.Guardrails.Rules.Engine.RuleScript {")
            .AppendLine("protected override global::Ocado.Guardrails.Rules.RuleResult Evaluate() {");
        if (MayCallItself(source.Text))
        {
            text.Append(Guard).AppendLine(".Enter();");
        }
        text.Append(CultureInfo.InvariantCulture, $"#line {first + 1} \"{path}\"").AppendLine();
        for (var i = first; i < lines.Length; i++)
        {
            segments.Add(new AuthorSegment(text.Length, lines[i].Length, i + 1, InBody: true));
            text.AppendLine(lines[i]);
        }
        text.AppendLine().AppendLine("#line hidden").AppendLine("}}}");
        return new WrappedRule(source, text.ToString(), segments);
    }

    /// <summary>
    /// Whether the body can reach its own method (<c>return Evaluate();</c>, or a delegate to it): only then does the body
    /// start with a guard. The engine calls the body right after <see cref="RuleGuard.Start"/>, a few frames deep, where a
    /// guard can find nothing spent; a body that calls itself is caught by that guard as any recursion is. Without the name
    /// in the text the method cannot be named. C# reads an identifier after decoding its Unicode escapes and dropping its
    /// formatting characters (Unicode Cf: <c>Eval&#xAD;uate</c> with a soft hyphen is Evaluate), so any escape and any
    /// formatting character keep the guard.
    /// </summary>
    internal static bool MayCallItself(string text) =>
        text.Contains("Evaluate", StringComparison.Ordinal)
        || text.Contains("\\u", StringComparison.OrdinalIgnoreCase)
        || text.Any(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
