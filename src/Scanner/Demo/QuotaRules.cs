namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The four quota rules of the catalog at the thresholds written to guardrails.yaml (failAt 0.8, warnAt 0.6), in
/// integer arithmetic so that a usage exactly on a threshold is judged as the rule's "&gt;=" judges it.
/// </summary>
internal static class QuotaRules
{
    public static IEnumerable<(string RuleId, string Why)> Evaluate(int usage, int value, bool adjustable)
    {
        var percent = value == 0 ? "∞" : $"{usage * 100 / value}%";
        if (usage * 5 >= value * 4)
        {
            yield return (RuleIds.QuotaHeadroom, $"usage {usage} of {value} ({percent}) is at or above 80%");
        }
        if (adjustable && usage * 5 >= value * 3 && usage * 5 < value * 4)
        {
            yield return (RuleIds.QuotaHeadroomWarning, $"usage {usage} of an adjustable {value} ({percent}) is at or above 60% and below 80%");
        }
        if (usage >= value)
        {
            yield return (RuleIds.QuotaExhausted, $"usage {usage} has reached the quota value {value}");
        }
        if (!adjustable && usage * 5 >= value * 3)
        {
            yield return (RuleIds.QuotaNonAdjustable, $"usage {usage} of a non-adjustable {value} ({percent}) is at or above 60%");
        }
    }
}
