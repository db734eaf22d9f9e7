using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>The query expressions of a rule: each clause becomes a delegate LINQ calls per element.</summary>
internal sealed partial class GuardInserter
{
    // A query's result is a lazy sequence too: wrapped, so that queries nested in a loop cannot make LINQ recurse unguarded.
    public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node)
    {
        var visited = (QueryExpressionSyntax)base.VisitQueryExpression(node)!;
        var lazy = model.GetTypeInfo(node).Type?.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        return lazy ? Call("Lazy", visited) : visited;
    }

    // Each clause of a query becomes a delegate LINQ calls once per element: a Step there is a Tick per element.
    public override SyntaxNode? VisitWhereClause(WhereClauseSyntax node) =>
        ((WhereClauseSyntax)base.VisitWhereClause(node)!) is var v ? v.WithCondition(Call("Step", v.Condition)) : null;

    public override SyntaxNode? VisitSelectClause(SelectClauseSyntax node) =>
        ((SelectClauseSyntax)base.VisitSelectClause(node)!) is var v ? v.WithExpression(Call("Step", v.Expression)) : null;

    public override SyntaxNode? VisitLetClause(LetClauseSyntax node) =>
        ((LetClauseSyntax)base.VisitLetClause(node)!) is var v ? v.WithExpression(Call("Step", v.Expression)) : null;

    public override SyntaxNode? VisitOrdering(OrderingSyntax node) =>
        ((OrderingSyntax)base.VisitOrdering(node)!) is var v ? v.WithExpression(Call("Step", v.Expression)) : null;

    public override SyntaxNode? VisitFromClause(FromClauseSyntax node)
    {
        // The first from is the source, read once; a later one is a delegate per element (SelectMany).
        var visited = (FromClauseSyntax)base.VisitFromClause(node)!;
        return node.Parent is QueryBodySyntax ? visited.WithExpression(Call("Step", visited.Expression)) : visited;
    }

    public override SyntaxNode? VisitJoinClause(JoinClauseSyntax node) =>
        ((JoinClauseSyntax)base.VisitJoinClause(node)!) is var v ? v.WithLeftExpression(Call("Step", v.LeftExpression)).WithRightExpression(Call("Step", v.RightExpression)) : null;

    public override SyntaxNode? VisitGroupClause(GroupClauseSyntax node) =>
        ((GroupClauseSyntax)base.VisitGroupClause(node)!) is var v ? v.WithGroupExpression(Call("Step", v.GroupExpression)).WithByExpression(Call("Step", v.ByExpression)) : null;
}
