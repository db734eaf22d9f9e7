using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>STS's AssumeRole and GetCallerIdentity over the Query protocol.</summary>
internal sealed partial class StsHandler(ServerKeys keys, ServerFaults faults)
{
    /// <summary>The clock of sessions: when they are issued and when they expire (signatures keep the real time).</summary>
    public TimeProvider SessionClock { get; set; } = TimeProvider.System;

    /// <summary>How long an issued session lasts: AssumeRole's default hour.</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(1);

    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>When set, AssumeRole demands this external id, as the audit role's trust policy does.</summary>
    public string? ExpectedExternalId { get; set; }

    [GeneratedRegex("^arn:aws:iam::([0-9]{12}):role/[\\w+=,.@/-]+$")]
    private static partial Regex RoleArn();

    public Reply Handle(RequestScope scope) => scope.Operation switch
    {
        "GetCallerIdentity" => Reply.Xml("GetCallerIdentity", Ns,
            [new XElement(Ns + "Arn", scope.Key.Arn), new XElement(Ns + "UserId", scope.Key.AccessKeyId), new XElement(Ns + "Account", scope.Account)]),
        "AssumeRole" => Assume(scope),
        _ => Reply.XmlError(400, Ns, "InvalidAction", $"Could not find operation {scope.Operation} for version 2011-06-15"),
    };

    private Reply Assume(RequestScope scope)
    {
        var roleArn = scope.Form.GetValueOrDefault("RoleArn") ?? "";
        var session = scope.Form.GetValueOrDefault("RoleSessionName") ?? "";
        var match = RoleArn().Match(roleArn);
        if (!match.Success || session.Length is < 2 or > 64)
        {
            return Reply.XmlError(400, Ns, "ValidationError", "1 validation error detected: Value at 'roleArn' or 'roleSessionName' failed to satisfy constraint");
        }
        var account = match.Groups[1].Value;
        if (faults.DeniedAssumeRole.ContainsKey(account)
            || (ExpectedExternalId is not null && scope.Form.GetValueOrDefault("ExternalId") != ExpectedExternalId))
        {
            return Reply.XmlError(403, Ns, "AccessDenied", $"User: {scope.Key.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }
        var expires = SessionClock.GetUtcNow() + SessionDuration;
        var issued = keys.Issue(account, roleArn, session, expires);
        return Reply.Xml("AssumeRole", Ns,
        [
            new XElement(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", issued.AccessKeyId), new XElement(Ns + "SecretAccessKey", issued.SecretKey),
                new XElement(Ns + "SessionToken", issued.SessionToken), new XElement(Ns + "Expiration", expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))),
            new XElement(Ns + "AssumedRoleUser", new XElement(Ns + "AssumedRoleId", $"AROA{account}:{session}"), new XElement(Ns + "Arn", issued.Arn)),
        ]);
    }
}
