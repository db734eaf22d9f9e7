using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Finds a Regex match timeout shorter than a second that the author wrote as a constant
/// (<c>TimeSpan.FromMilliseconds(200)</c>, passed to a <c>Regex</c> call or constructor directly or
/// through a local). A match timeout is wall-clock time: a loaded worker or a collection pause spends
/// it while the rule does not run, so a short one turns an honest value into an Error verdict now and
/// then. The rule's own budget, in CPU time, already bounds a runaway match.
/// </summary>
internal static class RegexTimeoutCheck
{
    public const string Code = "GR1110";

    /// <summary>Below this a match timeout is reported.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static IEnumerable<string> Check(WrappedRule rule, SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var locals = root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Where(d => d.Initializer is not null)
            .GroupBy(d => d.Identifier.ValueText)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Initializer!.Value).ToList());
        var reported = new HashSet<int>();
        foreach (var arguments in RegexArgumentLists(root))
        {
            foreach (var argument in arguments.Arguments)
            {
                foreach (var expression in Resolve(argument.Expression, locals))
                {
                    if (rule.IsAuthors(expression.SpanStart) && ShortTimeout(expression) is { } timeout && reported.Add(expression.SpanStart))
                    {
                        yield return $"{rule.Where(expression.SpanStart)}: warning {Code}: a regex match timeout of {timeout.TotalMilliseconds:0.###} ms is " +
                            "wall-clock time, which a loaded worker or a garbage collection spends while the rule does not run: an honest value " +
                            $"can then end in an Error verdict. Give at least {Shortest.TotalSeconds:0} s; the rule's time budget (CPU time) " +
                            "still bounds a runaway match";
                    }
                }
            }
        }
    }

    /// <summary>The argument lists of <c>Regex.X(…)</c> calls and <c>new Regex(…)</c>.</summary>
    private static IEnumerable<ArgumentListSyntax> RegexArgumentLists(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call when NamesRegex(access.Expression):
                    yield return call.ArgumentList;
                    break;
                case ObjectCreationExpressionSyntax { ArgumentList: { } list } creation when NamesRegex(creation.Type):
                    yield return list;
                    break;
            }
        }
    }

    private static bool NamesRegex(SyntaxNode name) => name switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Regex",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "Regex",
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "Regex",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Regex",
        _ => false,
    };

    /// <summary>The expression itself, or what a local of that name is initialised with.</summary>
    private static IEnumerable<ExpressionSyntax> Resolve(ExpressionSyntax expression, Dictionary<string, List<ExpressionSyntax>> locals) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Resolve(parenthesized.Expression, locals)
        : expression is IdentifierNameSyntax name && locals.TryGetValue(name.Identifier.ValueText, out var initializers)
            ? initializers.SelectMany(i => Resolve(i, []))
            : [expression];

    /// <summary><c>TimeSpan.FromMilliseconds(200)</c> and its kin with a constant under a second; null otherwise.</summary>
    private static TimeSpan? ShortTimeout(ExpressionSyntax expression)
    {
        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: [var only] }
            || !NamesTimeSpan(access.Expression)
            || Constant(only.Expression) is not { } value)
        {
            return null;
        }
        TimeSpan? timeout = access.Name.Identifier.ValueText switch
        {
            "FromMilliseconds" => TimeSpan.FromMilliseconds(value),
            "FromSeconds" => TimeSpan.FromSeconds(value),
            "FromMicroseconds" => TimeSpan.FromMicroseconds(value),
            "FromTicks" => TimeSpan.FromTicks((long)value),
            _ => null,
        };
        return timeout is { } t && t > TimeSpan.Zero && t < Shortest ? t : null;
    }

    private static bool NamesTimeSpan(ExpressionSyntax name) => name switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "TimeSpan",
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "TimeSpan",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "TimeSpan",
        _ => false,
    };

    private static double? Constant(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => Constant(parenthesized.Expression),
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) => Convert.ToDouble(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
