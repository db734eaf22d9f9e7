using Microsoft.CodeAnalysis;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// What a rule may name: the rule API and pure computation, as allow-lists of namespaces and types,
/// and the few members of allowed types that would still reach beyond them.
/// </summary>
internal static class RuleApiSurface
{
    private static readonly string[] AllowedNamespaces =
    [
        "System.Linq", "System.Collections.Generic", "System.Collections.Immutable", "System.Collections.Frozen",
        "System.Text.Json", "System.Text.RegularExpressions", "System.Globalization", "Ocado.Guardrails.Rules",
    ];

    /// <summary>
    /// Inside the allowed namespaces: expression trees compile code that calls members by their
    /// names as strings (reflection by another door); PLINQ runs the rule's delegates on other
    /// threads, where no budget is set; the JSON serializer walks any type's members by reflection.
    /// </summary>
    private static readonly string[] RefusedNamespaces =
        ["System.Linq.Expressions", "System.Text.Json.Serialization", "System.Text.RegularExpressions.Generator"];

    private static readonly HashSet<string> RefusedTypes = new(StringComparer.Ordinal)
    {
        "System.Linq.ParallelEnumerable", "System.Linq.ParallelQuery", "System.Linq.OrderedParallelQuery",
        "System.Text.Json.JsonSerializer", "System.Collections.Generic.ReferenceEqualityComparer",
    };

    /// <summary>
    /// Producers of sequences as long as a number says, which LINQ then walks inside the BCL where no
    /// guard runs (<c>Enumerable.Range(0, int.MaxValue).Count()</c> takes minutes; <c>Repeat(…).ToArray()</c>
    /// allocates gigabytes at once). A rule that needs numbers writes a loop, which is guarded.
    /// </summary>
    private static readonly HashSet<string> RefusedMembers = new(StringComparer.Ordinal)
    {
        "System.Linq.Enumerable.Range", "System.Linq.Enumerable.Repeat", "System.Linq.Enumerable.Sequence",
        "System.Linq.Enumerable.InfiniteSequence", "System.Linq.Enumerable.AsParallel",
        "System.Text.Encoding.RegisterProvider", "System.Text.RegularExpressions.Regex.CompileToAssembly",
    };

    /// <summary>The rule API: not the engine, the findings, the waivers or the fixtures runner, which compile and judge rules.</summary>
    private static readonly HashSet<string> RuleApiNamespaces = new(StringComparer.Ordinal)
    {
        "Ocado.Guardrails.Rules", "Ocado.Guardrails.Rules.Resources", "Ocado.Guardrails.Rules.Estates",
        "Ocado.Guardrails.Rules.Policies", "Ocado.Guardrails.Rules.Quotas", "Ocado.Guardrails.Rules.Organizations",
        "Ocado.Guardrails.Rules.Network", "Ocado.Guardrails.Rules.Graph",
    };

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

    /// <summary>Why a symbol the rule names is refused, or null when the rule may use it.</summary>
    public static string? Refusal(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol)
        {
            return null;
        }
        if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic })
        {
            return "dynamic is not allowed";
        }
        if (symbol is IFunctionPointerTypeSymbol or IPointerTypeSymbol)
        {
            return "pointers are not allowed";
        }
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
        {
            return null;
        }
        if (symbol is IPropertySymbol { Name: RuleScript.GuardBudgetName, ContainingType.Name: nameof(RuleScript) })
        {
            return $"'{symbol.Name}' is the engine's guard, not the rule's";
        }
        var member = symbol.ContainingType is { } owner ? $"{owner.OriginalDefinition.ToDisplayString(Format)}.{symbol.Name}" : "";
        if (RefusedMembers.Contains(member))
        {
            return $"'{member}' is not allowed: write a loop instead, which the engine guards";
        }
        while (type.ContainingType is not null)
        {
            type = type.ContainingType;
        }
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns.StartsWith("Ocado.Guardrails.CompiledRules", StringComparison.Ordinal)
            || RuleApiNamespaces.Contains(ns)
            || (ns == "Ocado.Guardrails.Rules.Engine" && type.Name is "RuleScript"))
        {
            return null;
        }
        if (ns.StartsWith("Ocado.", StringComparison.Ordinal))
        {
            return $"'{type.ToDisplayString()}' is outside the rule API";
        }
        if (RefusedTypes.Contains(type.OriginalDefinition.ToDisplayString(Format))
            || RefusedNamespaces.Any(refused => ns == refused || ns.StartsWith(refused + ".", StringComparison.Ordinal)))
        {
            return $"'{type.ToDisplayString()}' is outside the rule API";
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

    private static readonly SymbolDisplayFormat Format = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    private static bool IsReflection(ISymbol symbol) =>
        symbol.Name is "GetType" or "CreateInstance" or "GetTypeCode" && symbol.Kind == SymbolKind.Method;
}
