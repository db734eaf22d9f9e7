using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// IAM's operations over the Query protocol: XML answers, lists as <c>&lt;member&gt;</c>, policy
/// documents URL-encoded (RFC 3986), the credential report generated in steps as IAM does.
/// </summary>
internal sealed class IamHandler(ServedEstate estate, int maxPage, ServiceLastAccessHandler lastAccess)
{
    public static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static readonly string[] Lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
    private static readonly HashSet<string> Documents = ["AssumeRolePolicyDocument", "Document", "PolicyDocument"];
    private readonly ConcurrentDictionary<string, int> _reportCalls = new(StringComparer.Ordinal);

    /// <summary>Accounts whose report has expired by their next GetCredentialReport (410 ReportExpired, once; it must be generated again).</summary>
    public ConcurrentDictionary<string, bool> ExpiringReports { get; } = new(StringComparer.Ordinal);

    public Reply Handle(RequestScope scope)
    {
        if (!estate.Accounts.TryGetValue(scope.Account, out var account))
        {
            account = new ServedAccount(scope.Account);
        }
        return scope.Operation switch
        {
            "GetAccountAuthorizationDetails" => Details(scope, account),
            "GenerateCredentialReport" => Generate(account),
            "GetCredentialReport" => Report(account),
            "GenerateServiceLastAccessedDetails" => lastAccess.Generate(scope, account),
            "GetServiceLastAccessedDetails" => lastAccess.Get(scope, account),
            _ => Reply.XmlError(400, Ns, "InvalidAction", $"The action {scope.Operation} is not valid for this web service."),
        };
    }

    private Reply Details(RequestScope scope, ServedAccount account)
    {
        var size = scope.Form.TryGetValue("MaxItems", out var text) && int.TryParse(text, out var n) ? n : 100;
        var offset = PageToken.Read(scope.Form.GetValueOrDefault("Marker"));
        if (offset is null || size is < 1 or > 1000)
        {
            return Reply.XmlError(400, Ns, "ValidationError", "Invalid Marker or MaxItems");
        }
        var entries = Lists.SelectMany(list => (account.Iam[list] as JsonArray ?? []).Select(e => (List: list, Entry: e!))).ToList();
        var (page, next) = PageToken.Slice(entries, offset.Value, Math.Min(size, maxPage));
        var result = Lists.Select(list => new XElement(Ns + list, page.Where(p => p.List == list).Select(p => Element("member", p.Entry))))
            .Append(new XElement(Ns + "IsTruncated", next is null ? "false" : "true")).ToList();
        if (next is not null)
        {
            result.Add(new XElement(Ns + "Marker", next));
        }
        return Reply.Xml("GetAccountAuthorizationDetails", Ns, result);
    }

    /// <summary>
    /// The credential report is generated in steps, counted in asks of either call: GenerateCredentialReport's first
    /// says STARTED; the next ask finds it still being generated (GenerateCredentialReport INPROGRESS,
    /// GetCredentialReport 404 ReportInProgress); from the third it is there (COMPLETE, or the report). The client must
    /// poll; GetCredentialReport before any GenerateCredentialReport is 410 ReportNotPresent.
    /// </summary>
    private Reply Generate(ServedAccount account)
    {
        var asks = _reportCalls.AddOrUpdate(account.Id, 1, (_, c) => c + 1);
        var state = asks switch { 1 => "STARTED", 2 => "INPROGRESS", _ => "COMPLETE" };
        return Reply.Xml("GenerateCredentialReport", Ns, [new XElement(Ns + "State", state), new XElement(Ns + "Description", state == "STARTED" ? "No report exists. Starting a new report generation task" : "")]);
    }

    private Reply Report(ServedAccount account)
    {
        if (ExpiringReports.TryRemove(account.Id, out _))
        {
            _reportCalls.TryRemove(account.Id, out _);
            return Reply.XmlError(410, Ns, "ReportExpired", "Credential report has expired. Use GenerateCredentialReport to generate a new report.");
        }
        if (!_reportCalls.ContainsKey(account.Id))
        {
            return Reply.XmlError(410, Ns, "ReportNotPresent", "Credential report is not present. Use GenerateCredentialReport to generate a report.");
        }
        return _reportCalls.AddOrUpdate(account.Id, 1, (_, c) => c + 1) < 3
            ? Reply.XmlError(404, Ns, "ReportInProgress", "Credential report generation is in progress.")
            : Reply.Xml("GetCredentialReport", Ns,
            [
                new XElement(Ns + "Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(account.CredentialReport))),
                new XElement(Ns + "ReportFormat", "text/csv"),
                new XElement(Ns + "GeneratedTime", "2025-01-01T00:00:00Z"),
            ]);
    }

    /// <summary>JSON (the CLI's shape) to IAM's XML.</summary>
    internal static XElement Element(string name, JsonNode node) => node switch
    {
        JsonArray list => new XElement(Ns + name, list.Select(m => Element("member", m!))),
        JsonObject obj when Documents.Contains(name) => new XElement(Ns + name, Uri.EscapeDataString(obj.ToJsonString())),
        JsonObject obj => new XElement(Ns + name, obj.Select(p => Element(p.Key, p.Value!))),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => new XElement(Ns + name, value.ToJsonString()),
        _ => new XElement(Ns + name, node.GetValue<string>()),
    };
}
