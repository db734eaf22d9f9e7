using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Where the statements of a policy a mapped resource carries are written in the template: the JSON pointer
/// of its Statement (a list, or one statement), and the statements as the rules will read them (resolved and
/// hardened), so that a statement named by a finding's evidence can be found by content and index.
/// </summary>
internal sealed record PolicyOrigin(string Pointer, IReadOnlyList<JsonNode?> Statements, bool IsList)
{
    /// <summary>The policy document written at <paramref name="documentPointer"/>, as mapped.</summary>
    public static PolicyOrigin Of(string documentPointer, JsonNode? document) => (document as JsonObject)?["Statement"] switch
    {
        JsonArray list => new($"{documentPointer}/Statement", [.. list], IsList: true),
        JsonObject one => new($"{documentPointer}/Statement", [one], IsList: false),
        _ => new(documentPointer, [], IsList: false),
    };

    /// <summary>A statement written as a whole resource (a Lambda permission), not inside a policy document.</summary>
    public static PolicyOrigin OfStatement(string pointer, JsonNode statement) => new(pointer, [statement], IsList: false);

    /// <summary>The pointer of the statement at <paramref name="index"/>.</summary>
    public string StatementPointer(int index) =>
        IsList ? $"{Pointer}/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : Pointer;
}
