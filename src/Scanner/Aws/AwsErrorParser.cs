using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Reads an error answer in either protocol: JSON 1.1 (<c>{"__type": ..., "message": ...}</c>, or the
/// <c>x-amzn-ErrorType</c> header) and Query (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>).
/// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#operation-error-serialization
/// </summary>
internal static class AwsErrorParser
{
    public static (string Code, string Message) Parse(HttpStatusCode status, string? errorTypeHeader, byte[] body)
    {
        string? code = null, message = null;
        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name is "__type" or "code" or "Code" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        code ??= property.Value.GetString();
                    }
                    else if (property.Name is "message" or "Message" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        message ??= property.Value.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                message = "unreadable error body";
            }
        }
        else if (text.StartsWith('<'))
        {
            try
            {
                var error = XDocument.Parse(text).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            }
            catch (System.Xml.XmlException)
            {
                message = "unreadable error body";
            }
        }
        code ??= errorTypeHeader;
        code = code is null ? FromStatus(status) : AwsErrorCodes.Normalise(code);
        return (code, message ?? status.ToString());
    }

    private static string FromStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "TooManyRequestsException",
        HttpStatusCode.Forbidden => "AccessDenied",
        _ => $"Http{(int)status}",
    };
}
