namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The tagging rules of the catalog, restated so that the manifest is computed from the tags actually
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
        var keys = tags.Items.Select(t => t.Key).ToList();
        var drifted = keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1)
            || Required.Any(r => tags[r] is null && keys.Any(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)));
        if (drifted)
        {
            sink.Add(new(RuleIds.KeyCaseConsistent, arn, "a tag key is spelled in another case"));
        }
        if (tags["owner"] is { Length: > 0 } owner && !owner.Contains('@', StringComparison.Ordinal))
        {
            sink.Add(new(RuleIds.OwnerIsEmail, arn, $"owner '{owner}' is not an email address"));
        }
        if (tags["cost-centre"] is { Length: > 0 } costCentre && !System.Text.RegularExpressions.Regex.IsMatch(costCentre, "^CC-[0-9]{4}$"))
        {
            sink.Add(new(RuleIds.CostCentreFormat, arn, $"cost-centre '{costCentre}' is not CC-NNNN"));
        }
        if (keys.Any(k => k.Contains("password", StringComparison.OrdinalIgnoreCase)))
        {
            sink.Add(new(RuleIds.NoSecretsInTags, arn, "a tag holds a password"));
        }
        var environment = tags["environment"];
        if (environment is not null && !Environments.Contains(environment, StringComparer.Ordinal))
        {
            sink.Add(new(RuleIds.EnvironmentAllowed, arn, $"environment '{environment}' is not an allowed value"));
        }
    }
}
