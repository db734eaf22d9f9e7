namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Plans an account's IAM: roles, then users, with their groups and customer managed policies created as they are
/// first needed. IAM entities are resources of the global region; groups cannot carry tags in AWS, so no tagging
/// rule judges them.
/// </summary>
internal sealed class IamPlanner
{
    public const string GlobalRegion = "global";

    private readonly Dictionary<string, IamPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IamGroup> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private IamPlanner(AccountContext context)
    {
        Context = context;
        Prefix = context.Account.NamePrefix;
    }

    public AccountContext Context { get; }
    public IamModel Model { get; } = new();
    public string Prefix { get; }

    public static IamModel Plan(AccountContext context)
    {
        var planner = new IamPlanner(context);
        IamRolePlanner.Plan(planner);
        AbacPlant.Plan(planner);
        IamUserPlanner.Plan(planner);
        return planner.Model;
    }

    /// <summary>The named customer managed policy, created on first use.</summary>
    public IamPolicy Policy(string name)
    {
        if (_policies.TryGetValue(name, out var existing))
        {
            return existing;
        }
        var random = Context.Random;
        var arn = $"arn:aws:iam::{Context.Id}:policy/{name}";
        var document = IamDocuments.For(name, Context.Id, Prefix);
        var previous = name == IamDocuments.DeveloperAccess && Context.Account.Index % 3 == 0
            ? IamDocuments.For(IamDocuments.AdminFullAccess, Context.Id, Prefix)
            : null;
        var tags = Context.Tags.Next(null, "iam");
        var policy = new IamPolicy(name, arn, AwsIds.Iam(random, "ANPA"), document, previous, Context.DaysAgo(100, 1400), tags);
        Context.Record("AWS::IAM::Policy", GlobalRegion, arn, tags);
        foreach (var (ruleId, why) in PolicyViolations(name))
        {
            Context.Violation(ruleId, arn, why);
        }
        _policies[name] = policy;
        Model.Policies.Add(policy);
        return policy;
    }

    public void Attach(List<IamPolicy> attached, params string[] names)
    {
        foreach (var name in names)
        {
            var policy = Policy(name);
            policy.AttachmentCount++;
            attached.Add(policy);
        }
    }

    /// <summary>The named group with its policies attached, created on first use.</summary>
    public IamGroup Group(string name, params string[] policies)
    {
        if (_groups.TryGetValue(name, out var existing))
        {
            return existing;
        }
        var arn = $"arn:aws:iam::{Context.Id}:group/{name}";
        var group = new IamGroup(name, arn, AwsIds.Iam(Context.Random, "AGPA"), Context.DaysAgo(300, 1500));
        Attach(group.Attached, policies);
        Context.Count("AWS::IAM::Group", GlobalRegion);
        if (policies.Contains(IamDocuments.AdminFullAccess))
        {
            Context.Violation(RuleIds.AdminAccess, arn, $"group {name} allows \"*\" on \"*\" through {IamDocuments.AdminFullAccess}");
        }
        _groups[name] = group;
        Model.Groups.Add(group);
        return group;
    }

    /// <summary>What the statement-level policy rules report on the default version of a named customer managed policy.</summary>
    private static IEnumerable<(string RuleId, string Why)> PolicyViolations(string name) => name switch
    {
        IamDocuments.AdminFullAccess => [(RuleIds.PolicyAdmin, "the default version allows \"*\" on \"*\"")],
        IamDocuments.PowerUser => [(RuleIds.PolicyNotAction, "Allow with NotAction iam:*, organizations:*, account:* grants every other action")],
        IamDocuments.PassRoleAny => [(RuleIds.PolicyPassRole, "iam:PassRole on \"*\": any role can be passed to a service")],
        _ => [],
    };

    /// <summary>The name, or the name with a number, never used before in this account.</summary>
    public string UniqueName(string name)
    {
        var candidate = name;
        for (var n = 2; !_names.Add(candidate); n++)
        {
            candidate = $"{name}-{n}";
        }
        return candidate;
    }
}
