using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>Builds IAM policy documents as AWS writes them: a string where there is one value, a list where several.</summary>
internal static class PolicyJson
{
    public static JsonObject Document(IEnumerable<JsonObject> statements, string? id = null)
    {
        var document = new JsonObject { ["Version"] = "2012-10-17" };
        if (id is not null)
        {
            document["Id"] = id;
        }
        document["Statement"] = new JsonArray([.. statements]);
        return document;
    }

    public static JsonObject Document(params JsonObject[] statements) => Document(statements.AsEnumerable());

    /// <summary>A statement; a null principal makes it an identity-policy statement.</summary>
    public static JsonObject Statement(string effect, JsonNode? principal, IReadOnlyList<string> actions,
        IReadOnlyList<string> resources, JsonObject? condition = null, string? sid = null, string actionKey = "Action")
    {
        var statement = new JsonObject();
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }
        statement["Effect"] = effect;
        if (principal is not null)
        {
            statement["Principal"] = principal;
        }
        statement[actionKey] = OneOrMany(actions);
        statement["Resource"] = OneOrMany(resources);
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }
        return statement;
    }

    /// <summary>An identity-policy Allow of actions on every resource.</summary>
    public static JsonObject Allow(params string[] actions) => Statement("Allow", null, actions, ["*"]);

    public static JsonObject Deny(params string[] actions) => Statement("Deny", null, actions, ["*"]);

    public static JsonNode OneOrMany(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonObject AwsPrincipal(params string[] principals) => new() { ["AWS"] = OneOrMany(principals) };

    public static JsonObject Service(string service) => new() { ["Service"] = service };

    /// <summary>{"StringEquals": {"aws:SourceAccount": "1234..."}}</summary>
    public static JsonObject Condition(string test, string key, string value) =>
        new() { [test] = new JsonObject { [key] = value } };

    public static string Root(string accountId) => $"arn:aws:iam::{accountId}:root";

    public static string Text(JsonObject document) => document.ToJsonString(NodeOptions);

    /// <summary>Policy text as AWS writes it: '&lt;', '&gt;', '&amp;' and '+' unescaped.</summary>
    private static readonly JsonSerializerOptions NodeOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>As the raw IAM API returns documents: URL-encoded JSON text.</summary>
    public static string UrlEncoded(JsonObject document) => Uri.EscapeDataString(Text(document));
}
