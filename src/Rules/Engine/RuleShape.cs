using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// A rule is the body of one method and nothing else. Its text is pasted into a generated class,
/// so an author who closes the method's brace could otherwise declare fields (statics that carry
/// one customer's data into another's evaluation), finalizers (which run on the finalizer thread,
/// beyond every guard), static constructors, nested types and default interface methods. And a
/// preprocessor directive can hide the author's code from the compiler's line table
/// (<c>#line hidden</c>) or from the compilation (<c>#if</c>): none is allowed.
/// </summary>
internal static class RuleShape
{
    public static IEnumerable<string> Check(WrappedRule rule, SyntaxTree tree)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsDirective && rule.IsAuthors(trivia.SpanStart))
            {
                yield return Error(rule, trivia.SpanStart, "GR2002", $"the preprocessor directive '{trivia.ToString().Trim()}' is not allowed in a rule");
            }
        }

        var body = EvaluateBody(root);
        var (open, close) = body is null ? (0, 0) : (body.OpenBraceToken.Span.End, body.CloseBraceToken.SpanStart);
        foreach (var token in root.DescendantTokens())
        {
            if (!rule.IsAuthors(token.SpanStart) || token.IsKind(SyntaxKind.EndOfFileToken) || token.IsMissing)
            {
                continue;
            }
            var inBody = body is not null && token.SpanStart >= open && token.Span.End <= close;
            var inUsing = token.Parent?.AncestorsAndSelf().OfType<UsingDirectiveSyntax>().FirstOrDefault()?.Parent == root;
            if (!inBody && !inUsing)
            {
                yield return Error(rule, token.SpanStart, "GR2003",
                    $"'{token.Text}' is outside the rule's body; a rule is the body of one method: no members, types, statics or finalizers");
                yield break;
            }
        }
    }

    /// <summary>The body the wrapper opened: the first method of the first class of the generated namespace.</summary>
    private static BlockSyntax? EvaluateBody(CompilationUnitSyntax root) =>
        root.Members.OfType<NamespaceDeclarationSyntax>().FirstOrDefault()?
            .Members.OfType<ClassDeclarationSyntax>().FirstOrDefault()?
            .Members.OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Body;

    public static string Error(WrappedRule rule, int position, string code, string message) =>
        $"{rule.Where(position)}: error {code}: {message}";
}
