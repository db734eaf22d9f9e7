using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Inserts <see cref="RuleGuard"/> calls at the top of every loop body, local function and block
/// lambda of a rule. Nothing is inserted across a line break, so line numbers stay the script's own.
/// </summary>
internal sealed class GuardInserter : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax TickCall =
        SyntaxFactory.ParseStatement("global::Ocado.Guardrails.Rules.Engine.RuleGuard.Tick();");

    private static readonly StatementSyntax EnterCall =
        SyntaxFactory.ParseStatement("global::Ocado.Guardrails.Rules.Engine.RuleGuard.Enter();");

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        base.VisitWhileStatement(node) is WhileStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement)) : null;

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        base.VisitDoStatement(node) is DoStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement)) : null;

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        base.VisitForStatement(node) is ForStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement)) : null;

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        base.VisitForEachStatement(node) is ForEachStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement)) : null;

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(body.WithStatements(body.Statements.Insert(0, EnterCall)));
        }
        if (visited.ExpressionBody is { } arrow)
        {
            var isVoid = visited.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
            StatementSyntax inner = isVoid
                ? SyntaxFactory.ExpressionStatement(arrow.Expression)
                : SyntaxFactory.ReturnStatement(arrow.Expression.WithLeadingTrivia(SyntaxFactory.Space));
            return visited
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(SyntaxFactory.Block(EnterCall, inner).WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia));
        }
        return visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(block.WithStatements(block.Statements.Insert(0, EnterCall))) : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(block.WithStatements(block.Statements.Insert(0, EnterCall))) : visited;
    }

    public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node)
    {
        // A backward goto is a loop too.
        var visited = (LabeledStatementSyntax)base.VisitLabeledStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    private static BlockSyntax Guarded(StatementSyntax body)
    {
        if (body is BlockSyntax block)
        {
            return block.WithStatements(block.Statements.Insert(0, TickCall));
        }
        return SyntaxFactory.Block(TickCall, body.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithLeadingTrivia(body.GetLeadingTrivia())
            .WithTrailingTrivia(body.GetTrailingTrivia());
    }
}
