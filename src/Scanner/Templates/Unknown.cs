using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// The marker for a value only CloudFormation knows at deploy time (a Ref to a parameter without a
/// default, a GetAtt, an ImportValue). It is a string that starts with "${", which the policy engine
/// already refuses to read as a concrete account (AccountPins), so an unknown principal is judged as
/// an unknown account and an unknown condition value pins nothing: never a pass that hides a wildcard.
/// </summary>
internal static class Unknown
{
    public const string Prefix = "${unknown:";

    /// <summary>Stands for AWS::NoValue until the enclosing object or list drops it.</summary>
    public const string NoValue = "${guardrails:AWS::NoValue}";

    public static JsonValue Of(string what) => JsonValue.Create(Prefix + what + "}");

    public static bool Is(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) && text.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool Contains(string? text) => text is not null && text.Contains(Prefix, StringComparison.Ordinal);

    public static bool IsNoValue(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) && text == NoValue;
}
