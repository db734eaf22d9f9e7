using System.Text.Json;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// A policy document, read from any place a policy hides: a JSON object, a JSON string, a URL-encoded
/// JSON string (IAM's query API), or a list of documents (AWS Config RDK sample items); with
/// <c>Statement</c> as an object or a list.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
/// </summary>
public sealed class PolicyDocument
{
    public static PolicyDocument Empty { get; } = new(null, null, null, []);

    private PolicyDocument(string? name, string? version, string? id, IReadOnlyList<PolicyStatement> statements)
    {
        Name = name;
        Version = version;
        Id = id;
        Statements = Frozen.List(statements);
    }

    /// <summary>What a message calls the policy ("managed policy fn1-passrole-star"), when the caller named it.</summary>
    public string? Name { get; }
    public string? Version { get; }
    public string? Id { get; }
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The same document with other statements (a partial evaluation of its conditions).</summary>
    internal PolicyDocument WithStatements(IReadOnlyList<PolicyStatement> statements) => new(Name, Version, Id, statements);

    /// <summary>The document, or a <see cref="FormatException"/> saying what is wrong with the text.</summary>
    public static PolicyDocument Parse(string text, string? name = null) => PolicyReader.Read(text, name);

    /// <summary>The document held by a JSON value of any of the shapes above.</summary>
    public static PolicyDocument Parse(JsonElement element, string? name = null) => PolicyReader.Read(element, name, depth: 0);

    public static bool TryParse(string? text, out PolicyDocument document, string? name = null)
    {
        document = Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            document = Parse(text, name);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryParse(JsonElement? element, out PolicyDocument document, string? name = null)
    {
        document = Empty;
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }
        try
        {
            document = Parse(value, name);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The same document under another name (messages then name the policy this way).</summary>
    public PolicyDocument WithName(string name) => new(name, Version, Id, Statements.Select(s => s.With(s.Index, name)).ToList());

    internal static PolicyDocument Create(string? name, string? version, string? id, IReadOnlyList<PolicyStatement> statements) =>
        new(name, version, id, statements);

    public override string ToString() => $"{Name ?? "policy"} ({Statements.Count} statement(s))";
}
