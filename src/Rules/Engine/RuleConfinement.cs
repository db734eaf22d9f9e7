using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Refuses, at load, any rule that reaches beyond the rule API and pure computation. Restricting the
/// compilation's references does not confine a script (System.IO.File, Process.Start and reflection
/// all still bind, measured here), so every symbol the script names is resolved through the semantic
/// model and checked against <see cref="RuleApiSurface"/>. Every node that starts in the author's
/// text is judged, found by position (<see cref="WrappedRule"/>), whatever a <c>#line</c> says.
/// </summary>
internal static class RuleConfinement
{
    private const string Suffix = "; a rule may use only the rule API and pure computation";

    public static IEnumerable<string> Check(CSharpCompilation compilation, IReadOnlyList<WrappedRule> rules, IReadOnlyList<SyntaxTree> trees)
    {
        for (var i = 0; i < trees.Count; i++)
        {
            var (rule, tree) = (rules[i], trees[i]);
            foreach (var error in RuleShape.Check(rule, tree))
            {
                yield return error;
            }
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes(descendIntoTrivia: true))
            {
                if (!rule.IsAuthors(node.SpanStart))
                {
                    continue;
                }
                var reason = Refusal(node, model);
                if (reason is not null)
                {
                    yield return RuleShape.Error(rule, node.SpanStart, "GR2001", reason + Suffix);
                }
            }
        }
    }

    private static string? Refusal(SyntaxNode node, SemanticModel model)
    {
        switch (node)
        {
            case UnsafeStatementSyntax or PointerTypeSyntax or FixedStatementSyntax or FunctionPointerTypeSyntax:
                return "unsafe code is not allowed";
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                return "stackalloc is not allowed";
            case AttributeSyntax:
                return "attributes are not allowed (no [DllImport], no interop)";
            case MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                return "__makeref, __reftype and __refvalue are not allowed";
            case ExpressionSyntax when node.IsKind(SyntaxKind.ArgListExpression):
                return "__arglist is not allowed";
            case LockStatementSyntax:
                return "lock is not allowed (a rule has no threads to coordinate with, and could block others' rules)";
            case AwaitExpressionSyntax:
                return "await is not allowed (its continuation would run beyond the rule's guards)";
            case ArrayRankSpecifierSyntax { Rank: > 1 }:
                return "multi-dimensional arrays are not allowed (use jagged arrays, whose size the engine checks)";
            case LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.AsyncKeyword)):
                return "extern, unsafe and async functions are not allowed";
            case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword)):
                return "async and unsafe lambdas are not allowed";
            case AssignmentExpressionSyntax assignment when model.GetSymbolInfo(assignment.Left).Symbol is { IsStatic: true, Kind: SymbolKind.Field or SymbolKind.Property } target:
                return $"assigning '{target.ToDisplayString()}' is not allowed: a static is shared by every evaluation";
            case InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax when RegexWithoutTimeout(node, model):
                return "a Regex without a match timeout is not allowed: pass one (RegexOptions.None, TimeSpan.FromSeconds(1)); the engine caps it at the rule's budget";
            case SimpleNameSyntax name:
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                return symbol is null ? null : RuleApiSurface.Refusal(symbol);
            default:
                return null;
        }
    }

    /// <summary>
    /// A catastrophic pattern on a 41-character tag ran for minutes: every Regex a rule builds or
    /// calls must bind to an overload with a match timeout, which <see cref="GuardInserter"/> then caps.
    /// </summary>
    private static bool RegexWithoutTimeout(SyntaxNode node, SemanticModel model)
    {
        if (model.GetSymbolInfo(node).Symbol is not IMethodSymbol method
            || method.ContainingType?.ToDisplayString() != "System.Text.RegularExpressions.Regex"
            || !(method.IsStatic || method.MethodKind == MethodKind.Constructor))
        {
            return false;
        }
        if (method.Name is "Escape" or "Unescape" || (method.MethodKind == MethodKind.Constructor && method.Parameters.Length == 0))
        {
            return false;
        }
        return !method.Parameters.Any(p => p.Name == "matchTimeout");
    }
}
