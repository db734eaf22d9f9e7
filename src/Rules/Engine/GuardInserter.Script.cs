using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Where a guard may take its budget from the script (<see cref="RuleScript.GuardBudget"/>, as <c>this.GuardBudget</c>)
/// instead of the thread-static: in the body of the script's own method and in the local functions only ever called
/// directly from it. Not in a lambda, an anonymous method or a query clause (naming <c>this</c> there would make the
/// delegate capture the script: an allocation per delegate made), nor in a static local function (no <c>this</c>), nor
/// in a local function that becomes a delegate or is called from one of those (the capture would reach the delegate,
/// or fail to compile): those keep the thread-static guard. Judged on the tree being rewritten, before any change.
/// </summary>
internal sealed partial class GuardInserter
{
    private HashSet<LocalFunctionStatementSyntax>? _scriptLocals;

    /// <summary>Whether a guard inserted at <paramref name="node"/> (of the original tree) can name the script.</summary>
    private bool NamesScript(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or QueryExpressionSyntax:
                    return false;
                case LocalFunctionStatementSyntax local when !(_scriptLocals ??= ScriptLocals(model.SyntaxTree.GetRoot())).Contains(local):
                    return false;
                case MethodDeclarationSyntax method:
                    return model.GetDeclaredSymbol(method) is { IsStatic: false } symbol && IsScript(symbol.ContainingType);
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    private static bool IsScript(INamedTypeSymbol? type)
    {
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == nameof(RuleScript) && t.ContainingNamespace?.ToDisplayString() == typeof(RuleScript).Namespace)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The local functions whose guards may name the script: not static, and referred to (by name: two functions of one name
    /// are judged together) only as the target of a direct call outside any lambda, anonymous method or query, and not from a
    /// function that is barred itself.
    /// </summary>
    private static HashSet<LocalFunctionStatementSyntax> ScriptLocals(SyntaxNode root)
    {
        var locals = root.DescendantNodes().OfType<LocalFunctionStatementSyntax>().ToList();
        var names = locals.Select(l => l.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var barred = locals.Where(l => l.Modifiers.Any(SyntaxKind.StaticKeyword)).Select(l => l.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (names.Contains(name.Identifier.ValueText) && !(IsDirectCall(name) && !InDelegate(name)))
            {
                barred.Add(name.Identifier.ValueText);
            }
        }
        // What a barred function calls is barred too: its capture of the script would make the barred one capture it.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var local in locals.Where(l => barred.Contains(l.Identifier.ValueText)))
            {
                foreach (var name in local.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    grew |= names.Contains(name.Identifier.ValueText) && barred.Add(name.Identifier.ValueText);
                }
            }
        }
        return [.. locals.Where(l => !barred.Contains(l.Identifier.ValueText))];
    }

    private static bool IsDirectCall(SimpleNameSyntax name) =>
        name.Parent is InvocationExpressionSyntax call && call.Expression == name;

    private static bool InDelegate(SyntaxNode node) =>
        node.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax);
}
