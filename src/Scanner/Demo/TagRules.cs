namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The three tagging rules of the catalog, restated so that the manifest is computed from the tags actually
/// written rather than from what was meant: a planted fault and an accident are judged alike.
/// </summary>
internal static class TagRules
{
    public static readonly IReadOnlyList<string> Required = ["owner", "customer", "environment", "cost-centre"];

    public static readonly IReadOnlyList<string> Environments = ["production", "staging", "development", "sandbox"];

    public static void Evaluate(TagSet tags, DemoAccount account, string arn, List<DemoViolation> sink)
    {
        var missing = Required.Where(key => string.IsNullOrEmpty(tags[key])).ToList();
        if (missing.Count > 0)
        {
            sink.Add(new(RuleIds.RequiredTags, arn, "missing or empty tags: " + string.Join(", ", missing)));
        }
        var customer = tags["customer"];
        if (customer is not null && account.CustomerId is not null && customer != account.CustomerId)
        {
            sink.Add(new(RuleIds.CustomerMatches, arn,
                $"tag customer is '{customer}' but account {account.Id} belongs to '{account.CustomerId}'"));
        }
        var environment = tags["environment"];
        if (environment is not null && !Environments.Contains(environment, StringComparer.Ordinal))
        {
            sink.Add(new(RuleIds.EnvironmentAllowed, arn, $"environment '{environment}' is not an allowed value"));
        }
    }
}
