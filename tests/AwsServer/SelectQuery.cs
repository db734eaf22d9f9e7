using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The part of Config's advanced-query SQL the server answers: <c>SELECT a, b WHERE x = 'v' AND t &gt;= 'time'</c>, and
/// <c>SELECT a, COUNT(*) ... GROUP BY a</c>. <c>&gt;=</c> compares times (configurationItemCaptureTime).
/// https://docs.aws.amazon.com/config/latest/developerguide/query-components.html
/// </summary>
internal sealed partial record SelectQuery(IReadOnlyList<string> Fields, IReadOnlyList<(string Property, string Operator, string Value)> Conditions, IReadOnlyList<string>? GroupBy)
{
    public const string Count = "COUNT(*)";

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)(\s+WHERE\s+(?<where>.+?))?(\s+GROUP\s+BY\s+(?<group>[A-Za-z.]+(\s*,\s*[A-Za-z.]+)*))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Statement();

    [GeneratedRegex(@"^\s*(?<property>[A-Za-z.]+)\s*(?<op>>=|=)\s*'(?<value>[^']*)'\s*$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    /// <summary>The query, or null when it is outside what this server understands (answered InvalidExpressionException).</summary>
    public static SelectQuery? Parse(string expression)
    {
        var match = Statement().Match(expression);
        if (!match.Success)
        {
            return null;
        }
        var fields = match.Groups["fields"].Value.Split(',').Select(f => f.Trim()).ToList();
        var conditions = new List<(string, string, string)>();
        if (match.Groups["where"].Success)
        {
            foreach (var part in And().Split(match.Groups["where"].Value))
            {
                var comparison = Comparison().Match(part);
                if (!comparison.Success || (comparison.Groups["op"].Value == ">=" && Time(comparison.Groups["value"].Value) is null))
                {
                    return null;
                }
                conditions.Add((comparison.Groups["property"].Value, comparison.Groups["op"].Value, comparison.Groups["value"].Value));
            }
        }
        var group = match.Groups["group"].Success ? match.Groups["group"].Value.Split(',').Select(g => g.Trim()).ToList() : null;
        // A COUNT needs its GROUP BY here, and the other fields must be the grouped ones.
        var counted = fields.Contains(Count);
        if (counted != (group is not null) || (group is not null && fields.Any(f => f != Count && !group.Contains(f))))
        {
            return null;
        }
        return fields.All(f => f.Length > 0) ? new SelectQuery(fields, conditions, group) : null;
    }

    public bool Matches(Func<string, JsonNode?> property) => Conditions.All(c => c.Operator == "="
        ? property(c.Property)?.ToString() == c.Value
        : Time(property(c.Property)) is { } at && at >= Time(c.Value)!.Value);

    /// <summary>A time as the served items hold it (epoch seconds, as AWS's JSON protocol sends it) or as the query writes it (ISO 8601).</summary>
    private static DateTimeOffset? Time(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var seconds)
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
        : Time(node?.ToString());

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
