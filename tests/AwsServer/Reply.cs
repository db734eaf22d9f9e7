using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// An answer in the protocol of the operation asked: JSON 1.1 or Query's XML. <paramref name="Body"/> is the text of an
/// answer made as text (errors, XML, REST-JSON); a JSON 1.1 answer is written as UTF-8 and keeps only its bytes.
/// </summary>
internal sealed record Reply(int Status, string ContentType, string Body, string? ErrorType = null)
{
    private const string JsonType = "application/x-amz-json-1.1";

    /// <summary>A JSON 1.1 answer's bytes, as written: decoding them to a string and encoding it again copied every answer twice.</summary>
    private ReadOnlyMemory<byte>? _utf8;

    public static Reply Json(JsonNode output) => Json(writer => output.WriteTo(writer));

    /// <summary>A JSON 1.1 answer written straight from the served nodes, as <c>JsonNode.ToJsonString</c> would write them.</summary>
    public static Reply Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return new(200, JsonType, "") { _utf8 = buffer.WrittenMemory };
    }

    /// <summary>REST-JSON answers (AWS RAM): plain JSON.</summary>
    public static Reply RestJson(JsonNode output) => new(200, "application/json", output.ToJsonString());

    /// <summary>REST-JSON errors: the code in <c>x-amzn-ErrorType</c>, the message in the body.</summary>
    public static Reply RestJsonError(int status, string code, string message) =>
        new(status, "application/json", new JsonObject { ["message"] = message }.ToJsonString(), code);

    /// <summary>JSON 1.1 errors: <c>__type</c> and <c>message</c>, also in the <c>x-amzn-ErrorType</c> header.</summary>
    public static Reply JsonError(int status, string code, string message) =>
        new(status, JsonType, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString(), code);

    /// <summary>Query answers: <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;...&lt;/ActionResult&gt;&lt;ResponseMetadata/&gt;</c>.</summary>
    public static Reply Xml(string action, XNamespace ns, IEnumerable<XElement> result) =>
        new(200, "text/xml", new XElement(ns + (action + "Response"),
            new XElement(ns + (action + "Result"), result),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString()))).ToString(SaveOptions.DisableFormatting));

    public static Reply XmlError(int status, XNamespace ns, string code, string message, bool sender = true) =>
        new(status, "text/xml", new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", sender ? "Sender" : "Receiver"), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid().ToString())).ToString(SaveOptions.DisableFormatting));

    public ReadOnlyMemory<byte> Bytes => _utf8 ?? Encoding.UTF8.GetBytes(Body);
}
