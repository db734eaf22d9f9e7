using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The part of Config's advanced-query SQL the server answers: <c>SELECT a, b WHERE x = 'v' AND y = 'w'</c>.
/// https://docs.aws.amazon.com/config/latest/developerguide/query-components.html
/// </summary>
internal sealed partial record SelectQuery(IReadOnlyList<string> Fields, IReadOnlyList<(string Property, string Value)> Conditions)
{
    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)(\s+WHERE\s+(?<where>.+?))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Statement();

    [GeneratedRegex(@"^\s*(?<property>[A-Za-z.]+)\s*=\s*'(?<value>[^']*)'\s*$")]
    private static partial Regex Equality();

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
        var conditions = new List<(string, string)>();
        if (match.Groups["where"].Success)
        {
            foreach (var part in And().Split(match.Groups["where"].Value))
            {
                var equality = Equality().Match(part);
                if (!equality.Success)
                {
                    return null;
                }
                conditions.Add((equality.Groups["property"].Value, equality.Groups["value"].Value));
            }
        }
        return fields.All(f => f.Length > 0) ? new SelectQuery(fields, conditions) : null;
    }
}
