using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The wire protocols of the operations we call. JSON 1.1: a POST of the input as JSON, the
/// operation in <c>X-Amz-Target</c>. REST-JSON (as AWS RAM's POST operations use it): a POST of the input as JSON to
/// the operation's own path; or (Lambda's) a GET with the input in the path and query string. Query: a form POST of
/// <c>Action</c>, <c>Version</c> and the parameters, answered in XML with the output inside <c>&lt;ActionResult&gt;</c>.
/// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
/// https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
/// </summary>
internal sealed class AwsProtocols(AwsRequestSender sender)
{
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string RestJsonContentType = "application/json";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public Task<JsonElement> JsonAsync(AwsContext context, AwsService service, string operation, JsonObject input, CancellationToken cancellationToken) =>
        SendJsonAsync(context, Json11(service, operation, input), cancellationToken);

    /// <summary>A REST-JSON operation whose every input member is in the body (no URI, query or header members).</summary>
    public Task<JsonElement> RestJsonAsync(AwsContext context, AwsService service, string operation, string path, JsonObject input, CancellationToken cancellationToken) =>
        SendJsonAsync(context, new AwsRequest(service, operation, JsonSerializer.SerializeToUtf8Bytes(input), RestJsonContentType, path), cancellationToken);

    /// <summary>A REST-JSON GET: every input member in the path and query string (Lambda's ListLayers, GetLayerVersionPolicy).</summary>
    public Task<JsonElement> RestJsonGetAsync(AwsContext context, AwsService service, string operation, string pathAndQuery, CancellationToken cancellationToken) =>
        SendJsonAsync(context, new AwsRequest(service, operation, [], RestJsonContentType, pathAndQuery, "GET"), cancellationToken);

    /// <summary>
    /// A JSON 1.1 answer read in place (<see cref="JsonAnswer"/>): its elements are readable until it is disposed. For
    /// pages whose entries are written one by one; <see cref="JsonAsync"/> for answers that are kept.
    /// </summary>
    public async Task<JsonAnswer> JsonAnswerAsync(AwsContext context, AwsService service, string operation, JsonObject input, CancellationToken cancellationToken) =>
        JsonAnswer.Parse(await sender.SendAsync(context, Json11(service, operation, input), cancellationToken), service, operation);

    private static AwsRequest Json11(AwsService service, string operation, JsonObject input) =>
        new(service, operation, JsonSerializer.SerializeToUtf8Bytes(input), JsonContentType);

    /// <summary>The answer's JSON as a document of its own, copied out of the pooled answer: its elements stay readable while held.</summary>
    private async Task<JsonElement> SendJsonAsync(AwsContext context, AwsRequest request, CancellationToken cancellationToken)
    {
        using var answer = JsonAnswer.Parse(await sender.SendAsync(context, request, cancellationToken), request.Service, request.Operation);
        return answer.Root.Clone();
    }

    public async Task<XElement> QueryAsync(AwsContext context, AwsService service, string action, string version, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder($"Action={Uri.EscapeDataString(action)}&Version={Uri.EscapeDataString(version)}");
        foreach (var (key, value) in parameters)
        {
            form.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
        using var answer = await sender.SendAsync(context, new AwsRequest(service, action, Encoding.UTF8.GetBytes(form.ToString()), FormContentType), cancellationToken);
        try
        {
            var root = XDocument.Parse(Encoding.UTF8.GetString(answer.Content.Span)).Root;
            return root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                   ?? new XElement(action + "Result");
        }
        catch (System.Xml.XmlException ex)
        {
            throw new AwsServiceException(service.SigningName, action, "InvalidResponse", $"the answer is not XML: {ex.Message}", System.Net.HttpStatusCode.OK);
        }
    }
}
