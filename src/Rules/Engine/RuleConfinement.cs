using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Refuses, at load, any rule that reaches beyond the rule API and pure computation. Restricting the
/// compilation's references does not confine a script (System.IO.File, Process.Start and reflection
/// all still bind, measured here), so every symbol the script names is resolved through the semantic
/// model and checked against an allow-list of namespaces and types.
/// </summary>
internal static class RuleConfinement
{
    private static readonly string[] AllowedNamespaces =
    [
        "System.Linq", "System.Collections.Generic", "System.Collections.Immutable", "System.Text.Json",
        "System.Text.RegularExpressions", "System.Globalization", "Ocado.Guardrails.Rules",
    ];

    private static readonly HashSet<string> AllowedSystemTypes = new(StringComparer.Ordinal)
    {
        "Object", "String", "Char", "Boolean", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        "Single", "Double", "Decimal", "Math", "MathF", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan",
        "DateTimeKind", "DayOfWeek", "Guid", "Uri", "UriKind", "StringComparer", "StringComparison", "StringSplitOptions",
        "Enum", "Array", "Tuple", "ValueTuple", "Nullable", "Convert", "Func", "Action", "Predicate", "Comparison",
        "IEquatable", "IComparable", "IFormattable", "IFormatProvider", "FormattableString", "Index", "Range", "Span",
        "ReadOnlySpan", "Memory", "ReadOnlyMemory", "MemoryExtensions", "Exception", "ArgumentException",
        "ArgumentNullException", "ArgumentOutOfRangeException", "InvalidOperationException", "FormatException",
        "NotSupportedException", "KeyNotFoundException", "Lazy", "Void", "BitConverter", "HashCode", "Version",
        "MidpointRounding", "Half", "Int128", "UInt128", "StringBuilder", "Encoding",
    };

    private static readonly HashSet<string> AllowedTextTypes = new(StringComparer.Ordinal) { "StringBuilder", "Encoding", "UTF8Encoding", "NormalizationForm" };

    public static IEnumerable<string> Check(CSharpCompilation compilation, IReadOnlyList<SyntaxTree> trees)
    {
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            foreach (var node in root.DescendantNodes(descendIntoTrivia: true))
            {
                if (tree.GetLineVisibility(node.SpanStart) != LineVisibility.Visible)
                {
                    continue;
                }
                var reason = Refusal(node, model);
                if (reason is not null)
                {
                    var span = node.GetLocation().GetMappedLineSpan();
                    yield return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error GR2001: {reason}; a rule may use only the rule API and pure computation";
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
            case StackAllocArrayCreationExpressionSyntax:
                return "stackalloc is not allowed";
            case AttributeSyntax:
                return "attributes are not allowed (no [DllImport], no interop)";
            case ReferenceDirectiveTriviaSyntax or LoadDirectiveTriviaSyntax:
                return "#r and #load are not allowed";
            case ClassDeclarationSyntax or StructDeclarationSyntax or InterfaceDeclarationSyntax or RecordDeclarationSyntax:
                return null;
            case IdentifierNameSyntax { Identifier.Text: "dynamic" } when model.GetTypeInfo(node).Type?.TypeKind == TypeKind.Dynamic:
                return "dynamic is not allowed";
            case LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword)):
                return "extern and unsafe functions are not allowed";
            case SimpleNameSyntax name:
                var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                return symbol is null ? null : Refusal(symbol);
            default:
                return null;
        }
    }

    private static string? Refusal(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol)
        {
            return null;
        }
        if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic })
        {
            return "dynamic is not allowed";
        }
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
        {
            return null;
        }
        while (type.ContainingType is not null)
        {
            type = type.ContainingType;
        }
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns.StartsWith("Ocado.Guardrails.CompiledRules", StringComparison.Ordinal)
            || (ns.StartsWith("Ocado.Guardrails.Rules", StringComparison.Ordinal) && ns != "Ocado.Guardrails.Rules.Engine")
            || (ns == "Ocado.Guardrails.Rules.Engine" && type.Name is "RuleScript" or "RuleHeader"))
        {
            return null;
        }
        if (ns == "System" && AllowedSystemTypes.Contains(type.Name))
        {
            return IsReflection(symbol) ? $"'{symbol.ToDisplayString()}' reaches into reflection" : null;
        }
        if (ns == "System.Text" && AllowedTextTypes.Contains(type.Name))
        {
            return null;
        }
        if (AllowedNamespaces.Any(allowed => ns == allowed || ns.StartsWith(allowed + ".", StringComparison.Ordinal)))
        {
            return null;
        }
        return $"'{type.ToDisplayString()}' is outside the rule API";
    }

    private static bool IsReflection(ISymbol symbol) =>
        symbol.Name is "GetType" or "CreateInstance" or "GetTypeCode" && symbol.Kind == SymbolKind.Method;
}
