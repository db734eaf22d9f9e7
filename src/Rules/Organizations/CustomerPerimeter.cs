using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// Whether a customer's account is fenced in by the organisation's policies, the data perimeter per customer:
/// its principals reach only its own and the platform's resources (SCPs: <see cref="OfPrincipals"/>), and its
/// resources admit only its own and the platform's principals and the AWS services acting for it (RCPs:
/// <see cref="OfResources"/>). Two customers in one organisation are inside each other's aws:PrincipalOrgID, so
/// AWS's organisation-wide perimeter does not separate them. Judged by sending requests across the fence
/// (<see cref="PerimeterProbe"/>) through the one evaluator of SCPs and RCPs (<see cref="OrganizationPolicies"/>).
/// See https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
/// </summary>
public static class CustomerPerimeter
{
    /// <summary>
    /// Other customers probed per account, one member account each: fences are written per OU or per account list,
    /// and probing every account of a thousand customers from each of their accounts would cost a scan minutes.
    /// </summary>
    public const int MaxForeignCustomersProbed = 20;

    /// <summary>Platform and own accounts probed to see the fence does not shut them out.</summary>
    private const int MaxAdmittedProbed = 5;

    /// <summary>SCPs: the principals of the customer's account reach only the customer's and the platform's resources.</summary>
    public static PerimeterJudgement OfPrincipals(string accountId, Estate estate, OrganizationView view) =>
        Judge(accountId, estate, view, OrganizationPolicyType.ServiceControl);

    /// <summary>RCPs: the resources of the customer's account admit only the customer's and the platform's principals, and AWS services acting for it.</summary>
    public static PerimeterJudgement OfResources(string accountId, Estate estate, OrganizationView view) =>
        Judge(accountId, estate, view, OrganizationPolicyType.ResourceControl);

    private static PerimeterJudgement Judge(string account, Estate estate, OrganizationView view, OrganizationPolicyType type)
    {
        var scp = type == OrganizationPolicyType.ServiceControl;
        var kind = scp ? "SCP" : "RCP";
        if (estate.CustomerOf(account) is not { } customer)
        {
            return new(Verdict.Skip, $"account {account} is no customer's (platform or outside the estate): the data perimeter is judged per customer", Evidence.None);
        }
        var who = $"customer {customer.Name} ({customer.Id})'s account {account}";
        if (view.Organization is not { } org)
        {
            return new(Verdict.NotAssessed, view.NotReadReason is { } reason
                ? $"the perimeter of {who} is not judged: the organisation could not be read ({reason}), and its {kind}s are the fence"
                : $"the perimeter of {who} is not judged: no organization: in guardrails.yaml, so the {kind}s that fence it were not collected", Evidence.None);
        }
        if (!org.IsMember(account))
        {
            return new(Verdict.Fail, $"{who} is not in organisation {org.Id}, so no {kind} can fence it. Fix: invite it into the organisation, under an OU of customer {customer.Id}'s own",
                Evidence.Value("organisation members", org.Accounts.Where(customer.Accounts.Contains)).And("account", account));
        }
        if (account == org.ManagementAccountId)
        {
            return new(Verdict.Fail, $"{who} is the management account of {org.Id}, which no {kind} restricts. Fix: move customer {customer.Id}'s workloads into a member account",
                Evidence.Value("management account", org.ManagementAccountId).And(PathEvidence(org, account)));
        }
        var outside = OutsideAccount(org, estate);
        var foreign = estate.Customers.Where(c => c.Id != customer.Id)
            .Select(c => (Customer: c, Account: c.Accounts.FirstOrDefault(org.IsMember)))
            .Where(c => c.Account is not null).Take(MaxForeignCustomersProbed).ToList();
        var admitted = customer.Accounts.Where(a => a != account).Take(MaxAdmittedProbed).Select(a => (a, $"its own account {a}"))
            .Concat(estate.PlatformAccounts.Take(MaxAdmittedProbed).Select(a => (a, $"the platform's account {a}"))).ToList();

        PerimeterProbe Across(string other, string action, string? service = null) =>
            scp ? new(account, other, action) : new(other, account, action, service);

        var fence = new List<PolicyStatement>();
        var open = new List<(string Where, string Action)>();
        foreach (var (other, where) in foreign.Select(f => (f.Account!, $"customer {f.Customer.Id}'s account {f.Account}")).Append((outside, "an account outside the organisation")))
        {
            foreach (var action in PerimeterProbe.DataActions)
            {
                var decision = Across(other, action).Judge(org, estate, type);
                if (decision.Verdict == PolicyVerdict.ExplicitlyDenied)
                {
                    fence.AddRange(decision.Deciding);
                }
                else if (decision.Verdict != PolicyVerdict.ImplicitlyDenied)
                {
                    open.Add((where, action));
                }
            }
        }
        var shutOut = new List<(string Where, PolicyTypeDecision Decision)>();
        var admittedProbes = admitted.SelectMany(a => PerimeterProbe.DataActions.Select(action => (a.Item2, Across(a.a, action))));
        if (!scp)
        {
            admittedProbes = admittedProbes.Append(($"AWS service {PerimeterProbe.ServicePrincipal} acting for the account", Across("", "s3:PutObject", PerimeterProbe.ServicePrincipal)));
        }
        foreach (var (where, probe) in admittedProbes)
        {
            if (probe.Judge(org, estate, type) is { Verdict: PolicyVerdict.ExplicitlyDenied } decision && shutOut.All(s => s.Where != where))
            {
                shutOut.Add((where, decision));
            }
        }
        var fix = Fix(org, estate, customer, account, scp);
        var fenceStatements = fence.Distinct().ToList();
        var reach = scp ? "its principals reach resources of" : "its resources admit principals of";
        if (open.Count > 0)
        {
            var places = open.GroupBy(o => o.Where).Select(g => $"{g.Key} ({string.Join(", ", g.Select(o => o.Action))})").ToList();
            var edgeOnly = open.All(o => o.Where != "an account outside the organisation") && fenceStatements.Count > 0;
            var message = edgeOnly
                ? $"{who} is fenced only at the edge of organisation {org.Id}: {Labels(fenceStatements)} deny {(scp ? "resources" : "principals")} outside it, but {reach} {string.Join("; ", places)}, inside it"
                : $"no {kind} over {who} fences it in: {reach} {string.Join("; ", places)}";
            return new(Verdict.Fail, $"{message}. Fix: {fix}", Evidence.Of(fenceStatements).And(PathEvidence(org, account))
                .And(Evidence.Value("not fenced", places)).And("missing control", fix));
        }
        if (shutOut.Count > 0)
        {
            return new(Verdict.Fail, $"the {kind} fence over {who} also shuts out {string.Join("; ", shutOut.Select(s => $"{s.Where} ({s.Decision.Reason})"))}. Fix: exempt {(scp ? "the platform's and the customer's own accounts" : "them (AWS's examples keep AWS services in with BoolIfExists aws:PrincipalIsAWSService false)")}",
                Evidence.Of(shutOut.SelectMany(s => s.Decision.Deciding)).And(PathEvidence(org, account)).And(Evidence.Value("shut out", shutOut.Select(s => s.Where))));
        }
        return new(Verdict.Pass,
            $"{who} is fenced by {(fenceStatements.Count > 0 ? Labels(fenceStatements) : $"{kind}s that allow none of the data actions")}: {(scp ? "its principals reach" : "its resources admit")} no other customer's {(scp ? "resources" : "principals")} and none outside organisation {org.Id} ({foreign.Count} other customers and an outside account probed with {string.Join(", ", PerimeterProbe.DataActions)})",
            Evidence.Of(fenceStatements));
    }

    private static Evidence PathEvidence(Organization org, string account) =>
        Evidence.Value("path from the root", org.PathOf(account).Select(node => node.ToString()));

    /// <summary>The missing control: which policy type, which condition, attached where.</summary>
    private static string Fix(Organization org, Estate estate, Customer customer, string account, bool scp)
    {
        var members = customer.Accounts.Where(org.IsMember).ToList();
        var paths = members.Select(org.PathOf).ToList();
        var common = paths[0].TakeWhile((node, i) => paths.All(p => p.Count > i && p[i].Id == node.Id)).ToList();
        var own = common.FirstOrDefault(node => org.Accounts.All(a => !org.PathOf(a).Contains(node) || customer.Accounts.Contains(a) || estate.IsPlatform(a)));
        var where = own is null || own.IsRoot
            ? $"each of its accounts (customer {customer.Id} has no OU of its own: its accounts share {common.LastOrDefault()?.ToString() ?? "the root"} with other customers)"
            : own.IsAccount ? $"account {own.Id}" : $"{own} (aws:{(scp ? "Resource" : "Principal")}OrgPaths {org.Id}/{string.Join("", common.Take(common.IndexOf(own) + 1).Select(n => n.Id + "/"))}*)";
        var actions = string.Join(", ", PerimeterProbe.DataActions);
        return scp
            ? $"attach to {where} an SCP that denies {actions} (and the rest of the data actions) unless aws:ResourceAccount is one of customer {customer.Id}'s accounts or the platform's, or aws:ResourceOrgPaths is the customer's OU, or aws:ResourceTag/{PerimeterProbe.CustomerTagKey} is {customer.Id} (aws:ResourceOrgID alone admits every customer of the organisation)"
            : $"attach to {where} an RCP that denies {actions} unless aws:PrincipalAccount is one of customer {customer.Id}'s accounts or the platform's, or aws:PrincipalOrgPaths is the customer's OU, or aws:PrincipalTag/{PerimeterProbe.CustomerTagKey} is {customer.Id}, keeping AWS services in with BoolIfExists aws:PrincipalIsAWSService false (aws:PrincipalOrgID alone admits every customer of the organisation)";
    }

    /// <summary>An account id that is neither in the organisation nor in the estate.</summary>
    private static string OutsideAccount(Organization org, Estate estate)
    {
        for (var id = 100000000000L; ; id += 111111111)
        {
            var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!org.IsMember(text) && !estate.IsKnown(text))
            {
                return text;
            }
        }
    }

    private static string Labels(IEnumerable<PolicyStatement> statements) => string.Join(", ", statements.Select(s => s.Label).Distinct());
}
