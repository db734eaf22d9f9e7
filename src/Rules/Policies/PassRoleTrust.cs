using System.Runtime.CompilerServices;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Whether an iam:PassRole escalation method can be taken at all. AWS refuses to pass a role to a service whose
/// principal the role's trust does not admit, so the method needs a role of the principal's account that the
/// principal may pass and whose trust admits the method's service (the check the principal graph makes for its
/// PassRole edges). A method whose service we cannot name is kept (judged as before).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// </summary>
public static class PassRoleTrust
{
    /// <summary>The service principal each method's service passes its role to, by the prefix of the method's other actions.</summary>
    private static readonly Dictionary<string, string> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ec2"] = "ec2.amazonaws.com", ["lambda"] = "lambda.amazonaws.com", ["glue"] = "glue.amazonaws.com",
        ["cloudformation"] = "cloudformation.amazonaws.com", ["ecs"] = "ecs-tasks.amazonaws.com", ["codebuild"] = "codebuild.amazonaws.com",
        ["sagemaker"] = "sagemaker.amazonaws.com", ["datapipeline"] = "datapipeline.amazonaws.com", ["apprunner"] = "tasks.apprunner.amazonaws.com",
        ["codestar"] = "codestar.amazonaws.com",
    };

    /// <summary>The service principal the method passes a role to; null when it passes none or its service is not one we name.</summary>
    public static string? ServiceOf(EscalationMethod method)
    {
        if (!method.Permissions.Contains("iam:PassRole", StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        var prefixes = method.Permissions.Where(p => !p.Equals("iam:PassRole", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return prefixes is [var prefix] && Services.TryGetValue(prefix, out var service) ? service : null;
    }

    /// <summary>
    /// The matches AWS would refuse: PassRole methods for which no role among <paramref name="roles"/> (those of the
    /// principal's account) both admits the method's service in its trust and may be passed by the principal.
    /// </summary>
    public static IReadOnlyList<EscalationMatch> Refused(IReadOnlyList<EscalationMatch> matches, PermissionSet permissions, IEnumerable<Resource> roles)
    {
        if (matches.Count == 0)
        {
            return [];
        }
        var passing = matches.Select(m => (Match: m, Service: ServiceOf(m.Method))).Where(m => m.Service is not null).ToList();
        if (passing.Count == 0)
        {
            return [];
        }
        return Refused(passing, permissions, TrustsOf(roles));
    }

    /// <summary>The roles with a trust policy, each with it.</summary>
    private static List<(Resource Role, PolicyDocument? Trust)> TrustsOf(IEnumerable<Resource> roles) =>
        roles.Select(r => (Role: r, Trust: Trusts.GetValue(r, IamPrincipals.TrustPolicyOf))).Where(r => r.Trust is not null).ToList();

    private static IReadOnlyList<EscalationMatch> Refused(List<(EscalationMatch Match, string? Service)> passing, PermissionSet permissions, IReadOnlyList<(Resource Role, PolicyDocument? Trust)> trusts)
    {
        var admitted = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        return [.. passing.Where(m => !(admitted.TryGetValue(m.Service!, out var any) ? any : admitted[m.Service!] = trusts.Any(r =>
            Names(r.Trust!, m.Service!) && permissions.Can("iam:PassRole", r.Role.Arn).Allowed && Admits(r.Trust!, r.Role.Arn, r.Role.AccountId, m.Service!))))
            .Select(m => m.Match)];
    }

    /// <summary>
    /// The same, for the roles of <paramref name="accountId"/> in <paramref name="inventory"/>, decided once per permission
    /// set and <paramref name="matches"/> (by reference: <see cref="PrivilegeEscalation.Find"/> gives every principal
    /// sharing a set the same list), rather than once per principal over every role of the account.
    /// </summary>
    public static IReadOnlyList<EscalationMatch> Refused(IReadOnlyList<EscalationMatch> matches, PermissionSet permissions, Inventory inventory, string accountId) =>
        matches.Count == 0 ? [] : permissions.Remember((Question: nameof(Refused), Matches: matches, Inventory: inventory, Account: accountId),
            static (set, key) => RefusedInAccount(key.Matches, set, key.Inventory, key.Account));

    private static IReadOnlyList<EscalationMatch> RefusedInAccount(IReadOnlyList<EscalationMatch> matches, PermissionSet permissions, Inventory inventory, string accountId)
    {
        var passing = matches.Select(m => (Match: m, Service: ServiceOf(m.Method))).Where(m => m.Service is not null).ToList();
        return passing.Count == 0 ? [] : Refused(passing, permissions, Engine.SharedData.GetOrAdd(AccountTrusts.GetValue(inventory, static _ => new(StringComparer.Ordinal)),
            accountId, static (account, inventory) => TrustsOf(inventory.OfType(IamPrincipals.RoleType, account)), inventory));
    }

    /// <summary>
    /// The roles of each account of an inventory with their trust policies, listed once for every permission set that asks
    /// (a list of every role of the account was made for each set that completes a PassRole method).
    /// </summary>
    private static readonly ConditionalWeakTable<Inventory, System.Collections.Concurrent.ConcurrentDictionary<string, List<(Resource Role, PolicyDocument? Trust)>>> AccountTrusts = new();

    /// <summary>Trust policies parsed once per role resource, however many principals of the account ask.</summary>
    private static readonly ConditionalWeakTable<Resource, PolicyDocument?> Trusts = new();

    /// <summary>A cheap first look: the trust names the service principal, anyone, or uses NotPrincipal (the evaluator decides after).</summary>
    private static bool Names(PolicyDocument trust, string service) =>
        trust.Statements.Any(s => s.IsAllow && (s.NotPrincipals.Count > 0
            || s.Principals.Any(p => p.IsEveryone || (p.Type == PolicyPrincipal.Service && string.Equals(p.Value.Trim(), service, StringComparison.OrdinalIgnoreCase)))));

    private static bool Admits(PolicyDocument trust, string roleArn, string account, string service) =>
        AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.Service(service), new RequestContext("sts:AssumeRole", roleArn))
        {
            ResourcePolicy = trust, ResourceAccount = account,
        }).Allowed;
}
