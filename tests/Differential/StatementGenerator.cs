using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.Differential;

/// <summary>
/// Random policy statements aimed at one request: actions and resources that match it or nearly do (case,
/// <c>*</c> and <c>?</c> anywhere and repeated, NotAction/NotResource, policy variables, other accounts) and
/// conditions of every operator family, with <c>ForAnyValue</c>/<c>ForAllValues</c> and <c>...IfExists</c>,
/// on single- and multi-valued keys the request may or may not carry.
/// </summary>
internal sealed class StatementGenerator(Random random)
{
    /// <summary>A condition key: its type, whether it is multivalued, the values a request may carry and the values a policy may test.</summary>
    internal sealed record Key(string Name, string Type, bool Multi, string[] RequestValues, string[] PolicyValues);

    // Date values are ISO 8601 only: the simulator misreads epoch seconds; requests come from IPv4 addresses only:
    // the simulator finds an IPv6 address inside an IPv4 range under NotIpAddress (SimulatorDisagreementTests).
    public static readonly Key[] Keys =
    [
        new("aws:PrincipalTag/team", "String", false, ["red", "blue", "Red"], ["red", "blue", "RED", "r*", "?lue", "${aws:username}"]),
        new("aws:RequestedRegion", "String", false, ["us-east-1", "eu-west-1"], ["us-east-1", "eu-*", "us-east-?", "*"]),
        new("aws:CalledVia", "String", true, ["athena.amazonaws.com", "cloudformation.amazonaws.com", "dynamodb.amazonaws.com"],
            ["athena.amazonaws.com", "cloudformation.amazonaws.com", "*.amazonaws.com", "ATHENA.amazonaws.com"]),
        new("aws:SourceVpce", "String", false, ["vpce-1a2b3c4d", "vpce-99999999"], ["vpce-1a2b3c4d", "vpce-*"]),
        new("aws:MultiFactorAuthAge", "Numeric", false, ["300", "3600", "7200"], ["3600", "100", "7200"]),
        new("aws:EpochTime", "Numeric", false, ["1767225600", "1700000000"], ["1767225600", "1750000000"]),
        new("aws:CurrentTime", "Date", false, ["2026-01-15T12:00:00Z", "2025-06-01T00:00:00Z"], ["2026-01-01T00:00:00Z", "2025-12-31", "2025-06-01T00:00:00Z"]),
        new("aws:TokenIssueTime", "Date", false, ["2026-01-15T11:00:00Z"], ["2026-01-15T10:00:00Z", "2026-01-16"]),
        new("aws:SecureTransport", "Bool", false, ["true", "false"], ["true", "false"]),
        new("aws:MultiFactorAuthPresent", "Bool", false, ["true", "false"], ["true", "false"]),
        new("aws:SourceIp", "Ip", false, ["10.1.2.3", "192.0.2.10"], ["10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32", "203.0.113.7", "10.1.2.3/32"]),
        new("aws:SourceArn", "Arn", false, ["arn:aws:sns:us-east-1:111111111111:alerts", "arn:aws:s3:::logs-bucket"],
            ["arn:aws:sns:us-east-1:111111111111:*", "arn:aws:sns:*:*:alerts", "arn:aws:s3:::logs-*", "arn:aws:sns:us-east-1:${aws:PrincipalAccount}:alerts"]),
    ];

    /// <summary>Keys the principal sets (the request always carries them, or never for another kind of principal).</summary>
    private static readonly Key[] PrincipalKeys =
    [
        new("aws:PrincipalArn", "Arn", false, [], ["arn:aws:iam::111111111111:role/app", "arn:aws:iam::111111111111:role/*", "arn:aws:iam::*:user/alice", "arn:aws:iam::111111111111:user/Bob"]),
        new("aws:PrincipalAccount", "String", false, [], ["111111111111", "222222222222", "${aws:ResourceAccount}"]),
        new("aws:username", "String", false, [], ["alice", "Alice", "${aws:PrincipalTag/team}"]),
        new("aws:PrincipalOrgID", "String", false, [], ["o-exampleorg", "o-other"]),
        new("aws:PrincipalOrgPaths", "String", true, [], ["o-exampleorg/r-root/ou-a/", "o-exampleorg/r-root/*", "o-exampleorg/r-root/ou-b/*"]),
        new("aws:ResourceAccount", "String", false, [], ["111111111111", "${aws:PrincipalAccount}"]),
        new("aws:PrincipalType", "String", false, [], ["User", "AssumedRole"]),
    ];

    private static readonly Dictionary<string, string[]> Operators = new()
    {
        ["String"] = ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"],
        ["Numeric"] = ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"],
        ["Date"] = ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"],
        ["Bool"] = ["Bool"],
        ["Ip"] = ["IpAddress", "NotIpAddress"],
        ["Arn"] = ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "StringEquals", "StringLike"],
    };

    public JsonObject Statement(DifferentialRequest request, bool allowMostly, JsonNode? principal)
    {
        var statement = new JsonObject { ["Effect"] = random.NextDouble() < (allowMostly ? 0.75 : 0.4) ? "Allow" : "Deny" };
        if (principal is not null)
        {
            statement[random.NextDouble() < 0.08 && statement["Effect"]!.GetValue<string>() == "Deny" ? "NotPrincipal" : "Principal"] = principal;
        }
        statement[random.NextDouble() < 0.15 ? "NotAction" : "Action"] = List(() => ActionPattern(request.Action));
        statement[random.NextDouble() < 0.12 ? "NotResource" : "Resource"] = List(() => ResourcePattern(request));
        if (random.NextDouble() < 0.55)
        {
            statement["Condition"] = Condition(request);
        }
        return statement;
    }

    private JsonNode List(Func<string> item) =>
        random.NextDouble() < 0.6 ? JsonValue.Create(item())! : new JsonArray(Enumerable.Range(0, random.Next(2, 4)).Select(_ => (JsonNode)JsonValue.Create(item())!).ToArray());

    private string ActionPattern(string action)
    {
        var (service, name) = (action[..action.IndexOf(':')], action[(action.IndexOf(':') + 1)..]);
        return random.Next(14) switch
        {
            0 or 1 => action,
            2 => service.ToUpperInvariant() + ":" + name.ToLowerInvariant(),
            3 => service + ":*",
            4 => "*",
            5 => service + ":**",
            6 => service + ":?" + name[1..],
            7 => service + ":" + name[..3] + "*",
            8 => service + ":*" + name[^4..],
            9 => service + ":" + name[..1] + "*" + name[^2..^1] + "*",
            10 => RequestGenerator.Targets[random.Next(RequestGenerator.Targets.Length)].Action,
            11 => service + ":" + name + "s",
            12 => service + ":*" + name[2..^2] + "*",
            _ => service + ":" + name[..^1] + "?",
        };
    }

    private string ResourcePattern(DifferentialRequest request)
    {
        var arn = request.Resource;
        if (arn == "*")
        {
            return random.Next(3) == 0 ? "arn:aws:ec2:*:*:instance/*" : "*";
        }
        var other = RequestGenerator.Targets[random.Next(RequestGenerator.Targets.Length)].ArnIn(request.ResourceAccount);
        return random.Next(13) switch
        {
            0 or 1 => arn,
            2 => "*",
            3 => arn[..(arn.LastIndexOfAny([':', '/']) + 2)] + "*",
            4 => arn[..^3] + "?" + arn[^2..],
            5 => arn.Replace(request.ResourceAccount, request.ResourceAccount == "111111111111" ? "222222222222" : "111111111111"),
            // ${aws:username} only where the request has it (a role session has none: see the policy-variable note in Condition).
            6 => arn.StartsWith("arn:aws:s3", StringComparison.Ordinal) && request.IsUser ? "arn:aws:s3:::data-bucket/reports/${aws:username}/*" : arn.Replace(request.ResourceAccount, "${aws:PrincipalAccount}"),
            7 => string.Join(':', arn.Split(':').Select((part, i) => i is 3 or 4 && part.Length > 0 ? "*" : part)),
            8 => arn.ToUpperInvariant(),
            9 => other,
            10 => arn.Replace(request.ResourceAccount, "*"),
            11 => arn[..(arn.Length / 2)] + "**",
            _ => "arn:aws:*:*:" + request.ResourceAccount + ":*",
        };
    }

    private JsonObject Condition(DifferentialRequest request)
    {
        var condition = new JsonObject();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var key = random.NextDouble() < 0.75 ? Keys[random.Next(Keys.Length)] : PrincipalKeys[random.Next(PrincipalKeys.Length)];
            var op = random.NextDouble() < 0.08 ? "Null" : Pick(Operators[key.Type]);
            if (op != "Null")
            {
                // A multivalued key takes a set qualifier: AWS documents no meaning for a bare operator on one.
                var qualifier = random.Next(key.Multi ? 2 : 7) switch { 0 => "ForAnyValue:", 1 => "ForAllValues:", _ => "" };
                op = qualifier + op + (random.Next(5) == 0 ? "IfExists" : "");
            }
            // A policy variable names only a key the request carries (an absent one: SimulatorDisagreementTests).
            var candidates = key.PolicyValues.Where(v => !v.Contains("${", StringComparison.Ordinal) || request.PresentKeys.Contains(v[2..v.IndexOf('}')])).ToArray();
            JsonNode values = op == "Null"
                ? JsonValue.Create(random.Next(2) == 0 ? "true" : "false")!
                : random.Next(2) == 0 ? JsonValue.Create(Pick(candidates))! : new JsonArray(candidates.OrderBy(_ => random.Next()).Take(2).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
            if (!condition.ContainsKey(op))
            {
                condition[op] = new JsonObject();
            }
            var block = condition[op]!.AsObject();
            if (!block.Any(p => p.Key.Equals(key.Name, StringComparison.OrdinalIgnoreCase)))
            {
                block[random.Next(8) == 0 ? key.Name.ToLowerInvariant() : key.Name] = values;
            }
        }
        return condition;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
