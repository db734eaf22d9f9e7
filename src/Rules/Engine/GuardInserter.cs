using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Inserts <see cref="RuleGuard"/> calls into a rule: at the top of every loop body, local function,
/// lambda (expression-bodied too, made a block) and anonymous method, around every expression of a
/// query (which the compiler turns into LINQ delegates), around array sizes and capacities, and
/// around every Regex match timeout. Nothing is inserted across a line break, so line numbers stay
/// the script's own. It reads the semantic model of the tree it rewrites, so it visits that tree.
/// </summary>
internal sealed partial class GuardInserter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::Ocado.Guardrails.Rules.Engine.RuleGuard";

    /// <summary>BCL parameters that size what a call allocates (a capacity, a count of copies, a padded width).</summary>
    private static readonly HashSet<string> SizeParameters = new(StringComparer.Ordinal)
    {
        "capacity", "count", "repeatCount", "totalWidth", "newSize", "length", "minimumLength", "minimumCapacity",
    };

    private static readonly StatementSyntax TickCall = SyntaxFactory.ParseStatement($"{Guard}.Tick();");

    private static readonly StatementSyntax EnterCall = SyntaxFactory.ParseStatement($"{Guard}.Enter();");

    // The same guards given the script's budget (RuleScript.GuardBudget): `this.` so that no local of the rule can stand for it.
    private static readonly StatementSyntax ScriptTickCall = SyntaxFactory.ParseStatement($"{Guard}.Tick(this.{RuleScript.GuardBudgetName});");

    private static readonly StatementSyntax ScriptEnterCall = SyntaxFactory.ParseStatement($"{Guard}.Enter(this.{RuleScript.GuardBudgetName});");

    private StatementSyntax TickAt(SyntaxNode original) => NamesScript(original) ? ScriptTickCall : TickCall;

    private StatementSyntax EnterAt(SyntaxNode original) => NamesScript(original) ? ScriptEnterCall : EnterCall;

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        base.VisitWhileStatement(node) is WhileStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement, TickAt(node))) : null;

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        base.VisitDoStatement(node) is DoStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement, TickAt(node))) : null;

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        base.VisitForStatement(node) is ForStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement, TickAt(node))) : null;

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        base.VisitForEachStatement(node) is ForEachStatementSyntax visited ? visited.WithStatement(Guarded(visited.Statement, TickAt(node))) : null;

    public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node)
    {
        // A backward goto is a loop too.
        var visited = (LabeledStatementSyntax)base.VisitLabeledStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement, TickAt(node)));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        var enter = EnterAt(node.Body ?? (SyntaxNode)node.ExpressionBody!);
        if (visited.Body is { } body)
        {
            return visited.WithBody(body.WithStatements(body.Statements.Insert(0, enter)));
        }
        if (visited.ExpressionBody is { } arrow)
        {
            var returnsVoid = model.GetDeclaredSymbol(node) is IMethodSymbol { ReturnsVoid: true };
            return visited
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(GuardedBlock(arrow.Expression, returnsVoid, enter).WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia));
        }
        return visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } block
            ? visited.WithBlock(block.WithStatements(block.Statements.Insert(0, EnterCall)))
            : visited.WithExpressionBody(null).WithBlock(GuardedBlock(visited.ExpressionBody!, ReturnsVoid(node), EnterCall));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } block
            ? visited.WithBlock(block.WithStatements(block.Statements.Insert(0, EnterCall)))
            : visited.WithExpressionBody(null).WithBlock(GuardedBlock(visited.ExpressionBody!, ReturnsVoid(node), EnterCall));
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(visited.Block.WithStatements(visited.Block.Statements.Insert(0, EnterCall)));
    }

    public override SyntaxNode? VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
    {
        // The size is checked against the allocation budget before the array exists: new long[int.MaxValue] would take 16 GB at once.
        var visited = (ArrayCreationExpressionSyntax)base.VisitArrayCreationExpression(node)!;
        var element = (model.GetTypeInfo(node).Type as IArrayTypeSymbol)?.ElementType;
        var rank = visited.Type.RankSpecifiers[0];
        var sizes = SyntaxFactory.SeparatedList(rank.Sizes.Select(size => size is OmittedArraySizeExpressionSyntax
            ? size
            : Call("Length", size, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(ElementSize(element))))));
        return visited.WithType(visited.Type.WithRankSpecifiers(visited.Type.RankSpecifiers.Replace(rank, rank.WithSizes(sizes))));
    }

    public override SyntaxNode? VisitArgument(ArgumentSyntax node)
    {
        var visited = (ArgumentSyntax)base.VisitArgument(node)!;
        if (model.GetOperation(node) is not IArgumentOperation { Parameter: { } parameter })
        {
            return visited;
        }
        var owner = parameter.ContainingSymbol.ContainingType?.ToDisplayString() ?? "";
        if (parameter.Name == "matchTimeout" && owner == "System.Text.RegularExpressions.Regex")
        {
            return visited.WithExpression(Call("RegexTimeout", visited.Expression));
        }
        if (SizeParameters.Contains(parameter.Name) && parameter.Type.SpecialType == SpecialType.System_Int32
            && !owner.StartsWith("Ocado.", StringComparison.Ordinal) && visited.RefKindKeyword.IsKind(SyntaxKind.None))
        {
            return visited.WithExpression(Call("Size", visited.Expression));
        }
        return visited;
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        var method = model.GetSymbolInfo(node).Symbol as IMethodSymbol;
        var lazy = method?.ContainingNamespace?.ToDisplayString() == "System.Linq"
            && method.ReturnType.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        return lazy ? Call("Lazy", visited) : visited;
    }

    private bool ReturnsVoid(AnonymousFunctionExpressionSyntax node) =>
        model.GetSymbolInfo(node).Symbol is IMethodSymbol { ReturnsVoid: true };

    private static BlockSyntax GuardedBlock(ExpressionSyntax expression, bool returnsVoid, StatementSyntax enter)
    {
        var bare = expression.WithoutLeadingTrivia().WithoutTrailingTrivia();
        StatementSyntax inner = bare switch
        {
            ThrowExpressionSyntax thrown => SyntaxFactory.ThrowStatement(thrown.Expression.WithLeadingTrivia(SyntaxFactory.Space)),
            _ when returnsVoid => SyntaxFactory.ExpressionStatement(bare),
            _ => SyntaxFactory.ReturnStatement(bare.WithLeadingTrivia(SyntaxFactory.Space)),
        };
        return SyntaxFactory.Block(enter, inner).WithLeadingTrivia(expression.GetLeadingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }

    private static ExpressionSyntax Call(string method, ExpressionSyntax argument, params ExpressionSyntax[] more) =>
        SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression($"{Guard}.{method}"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                    more.Prepend(argument.WithoutLeadingTrivia().WithoutTrailingTrivia()).Select(SyntaxFactory.Argument))))
            .WithLeadingTrivia(argument.GetLeadingTrivia())
            .WithTrailingTrivia(argument.GetTrailingTrivia());

    /// <summary>Bytes per element, near enough to refuse an array far over budget before it is allocated.</summary>
    private static int ElementSize(ITypeSymbol? element) => element?.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
        SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Decimal => 16,
        _ when element is { IsValueType: true } => 16,
        _ => 8,
    };

    private static BlockSyntax Guarded(StatementSyntax body, StatementSyntax tick)
    {
        if (body is BlockSyntax block)
        {
            return block.WithStatements(block.Statements.Insert(0, tick));
        }
        return SyntaxFactory.Block(tick, body.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithLeadingTrivia(body.GetLeadingTrivia())
            .WithTrailingTrivia(body.GetTrailingTrivia());
    }
}
