using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.IamDocuments;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The roles that other roles' trust policies name, so that every principal a trust names exists: the platform's
/// <c>guardrails-collector</c> (which every account's audit role trusts) and a <c>ci-runner</c> in every account (which
/// the <c>ci-deploy</c> roles of its customer's accounts trust). And the plant of <c>iam-role-trust-no-deleted-principals</c>:
/// in the first collected account of each of the first two customers, a role whose trust names a principal since deleted,
/// as AWS shows it (the principal's unique id, AROA... for a role, AIDA... for a user, in place of its ARN), beside a
/// look-alike trusting the account's live ci-runner.
/// </summary>
internal static class TrustPlant
{
    public const string Collector = "guardrails-collector";
    public const string CiRunner = "ci-runner";
    public const string Orphaned = "nightly-report-export";
    public const string LookAlike = "nightly-report-import";

    /// <summary>The accounts whose <see cref="Orphaned"/> role trusts a deleted role (the first) and a deleted user (the second).</summary>
    public static IReadOnlyList<DemoAccount> OrphanedIn(DemoLayout layout) =>
        [.. layout.Customers.Take(2).Select(c => c.Accounts.First(a => !a.IsGap))];

    public static void Plan(IamPlanner p, Func<string, JsonObject, IamRole> role)
    {
        var c = p.Context;
        if (c.Account.IsPlatform)
        {
            var collector = role(Collector, Trust(Service("ecs-tasks.amazonaws.com")));
            collector.Inline.Add(new IamInline("assume-audit-roles", Document(Statement("Allow", null, ["sts:AssumeRole"], [$"arn:aws:iam::*:role/{DemoLayout.AuditRoleName}"]))));
        }
        var runner = role(CiRunner, Trust(Service("codebuild.amazonaws.com")));
        var deployTargets = c.Layout.SameCustomer(c.Account).Select(a => a.Id).Prepend(c.Id).Select(id => $"arn:aws:iam::{id}:role/ci-deploy*").ToArray();
        runner.Inline.Add(new IamInline("deploy-own-customer", Document(Statement("Allow", null, ["sts:AssumeRole"], deployTargets))));

        var orphanedIn = OrphanedIn(c.Layout);
        if (orphanedIn.FirstOrDefault(a => a.Id == c.Id) is not { } here)
        {
            return;
        }
        var deletedRole = orphanedIn[0] == here;
        var uniqueId = AwsIds.Iam(c.Random, deletedRole ? "AROA" : "AIDA");
        var orphaned = role(Orphaned, Trust(AwsPrincipal(uniqueId)));
        p.Attach(orphaned.Attached, ReadOnly);
        c.Violation(RuleIds.DeletedTrust, orphaned.Arn,
            $"trust policy names {uniqueId}, the unique id AWS writes in place of a {(deletedRole ? "role" : "user")} that was deleted");
        var lookAlike = role(LookAlike, Trust(AwsPrincipal(runner.Arn)));
        p.Attach(lookAlike.Attached, ReadOnly);
    }
}
