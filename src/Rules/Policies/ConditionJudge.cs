using System.Globalization;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>What we can prove about a condition, whoever makes the request.</summary>
internal enum ConditionOutcome
{
    /// <summary>True for every request that can be made from now on: no constraint.</summary>
    AlwaysTrue,
    /// <summary>True for no request that can be made from now on: the statement is dead.</summary>
    AlwaysFalse,
    /// <summary>Depends on the request: the grant stands, marked conditional.</summary>
    Unknown,
}

/// <summary>
/// Judges conditions conservatively against the scan's clock. Only dates are decided: a date test on
/// <c>aws:CurrentTime</c> or <c>aws:TokenIssueTime</c> can be always or never true from now on;
/// everything else depends on the request and stays <see cref="ConditionOutcome.Unknown"/>.
/// </summary>
internal static class ConditionJudge
{
    /// <summary>
    /// The longest a set of temporary credentials lives (GetSessionToken and GetFederationToken: 36 hours;
    /// AssumeRole at most 12), so no token in use was issued earlier than this before now.
    /// See https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    /// </summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(36);

    private static readonly string[] DateOperators =
    [
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    ];

    /// <summary>The conditions of a statement, ANDed.</summary>
    public static ConditionOutcome Judge(PolicyStatement statement, DateTimeOffset now)
    {
        var outcome = ConditionOutcome.AlwaysTrue;
        foreach (var condition in statement.Conditions)
        {
            var one = Judge(condition, now);
            if (one == ConditionOutcome.AlwaysFalse)
            {
                return one;
            }
            if (one == ConditionOutcome.Unknown)
            {
                outcome = one;
            }
        }
        return outcome;
    }

    /// <summary>One key test; its values are ORed.</summary>
    public static ConditionOutcome Judge(PolicyCondition condition, DateTimeOffset now)
    {
        var op = DateOperators.FirstOrDefault(o => string.Equals(o, condition.BaseOperator, StringComparison.OrdinalIgnoreCase));
        var currentTime = condition.IsKey("aws:CurrentTime");
        var tokenTime = condition.IsKey("aws:TokenIssueTime");
        if (condition.Set != ConditionSetOperator.None || op is null || !(currentTime || tokenTime)
            || condition.Values.Count == 0)
        {
            return ConditionOutcome.Unknown;
        }
        var outcomes = condition.Values.Select(v => TryDate(v, out var date)
            ? (currentTime ? CurrentTime(op, date, now) : TokenIssueTime(op, date, now))
            : ConditionOutcome.Unknown).ToList();
        var outcome = outcomes.Contains(ConditionOutcome.AlwaysTrue) ? ConditionOutcome.AlwaysTrue
            : outcomes.All(o => o == ConditionOutcome.AlwaysFalse) ? ConditionOutcome.AlwaysFalse
            : ConditionOutcome.Unknown;
        // A long-term access key's request has no aws:TokenIssueTime, which ...IfExists lets through.
        return tokenTime && condition.IfExists && outcome == ConditionOutcome.AlwaysFalse ? ConditionOutcome.Unknown : outcome;
    }

    /// <summary>The request time is now or later: a past bound decides for good, a future one decides only until it comes.</summary>
    private static ConditionOutcome CurrentTime(string op, DateTimeOffset value, DateTimeOffset now) => op switch
    {
        "DateLessThan" => now < value ? ConditionOutcome.AlwaysTrue : ConditionOutcome.AlwaysFalse,
        "DateLessThanEquals" => now <= value ? ConditionOutcome.AlwaysTrue : ConditionOutcome.AlwaysFalse,
        "DateGreaterThan" => now > value ? ConditionOutcome.AlwaysTrue : ConditionOutcome.Unknown,
        "DateGreaterThanEquals" => now >= value ? ConditionOutcome.AlwaysTrue : ConditionOutcome.Unknown,
        "DateEquals" => value < now ? ConditionOutcome.AlwaysFalse : ConditionOutcome.Unknown,
        "DateNotEquals" => value < now ? ConditionOutcome.AlwaysTrue : ConditionOutcome.Unknown,
        _ => ConditionOutcome.Unknown,
    };

    /// <summary>
    /// A token in use was issued within <see cref="MaxTokenLifetime"/> before now, and a fresh one can
    /// always be had (a user calls sts:GetSessionToken, which needs no permission), so "issued after a
    /// past date" is always satisfiable and "issued before a date older than any live token" never is.
    /// </summary>
    private static ConditionOutcome TokenIssueTime(string op, DateTimeOffset value, DateTimeOffset now)
    {
        var oldest = now - MaxTokenLifetime;
        return op switch
        {
            "DateLessThan" or "DateLessThanEquals" when value <= oldest => ConditionOutcome.AlwaysFalse,
            "DateLessThan" when value > now => ConditionOutcome.AlwaysTrue,
            "DateLessThanEquals" when value >= now => ConditionOutcome.AlwaysTrue,
            "DateGreaterThan" or "DateGreaterThanEquals" when value < now => ConditionOutcome.AlwaysTrue,
            "DateEquals" when value <= oldest => ConditionOutcome.AlwaysFalse,
            "DateNotEquals" when value <= oldest => ConditionOutcome.AlwaysTrue,
            _ => ConditionOutcome.Unknown,
        };
    }

    /// <summary>ISO 8601 or epoch seconds, the two forms IAM accepts for dates.</summary>
    private static bool TryDate(string text, out DateTimeOffset date)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            && epoch >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && epoch <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            date = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }
}
