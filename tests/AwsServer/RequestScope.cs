using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>Who asked (the verified key's account), in which region, what: the input of a handler.</summary>
internal sealed record RequestScope(IssuedKey Key, string Region, string Operation, JsonObject Json, IReadOnlyDictionary<string, string> Form)
{
    public string Account => Key.AccountId;

    public string? Text(string name) => Json[name]?.GetValue<object>()?.ToString();

    public int Int(string name, int fallback) => Json[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : fallback;
}
