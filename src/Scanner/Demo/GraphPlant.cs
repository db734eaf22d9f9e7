using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.IamDocuments;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The cross-customer chain the demo plants, each role trusting only what looks harmless: a support role
/// of the first customer may assume the platform's support bridge; the bridge (trusting that role) may
/// assume <c>platform-support-access</c> in every account; the second customer's copy trusts the bridge,
/// and may hand over to its release manager, who may assume the release admin. So the first customer
/// reaches the second customer's administrator in four hops, through one platform role.
/// </summary>
internal static class GraphPlant
{
    public const string Start = "support-escalation";
    public const string Bridge = "platform-support-bridge";
    public const string Access = "platform-support-access";
    public const string ReleaseManager = "release-manager";
    public const string ReleaseAdmin = "release-admin";

    /// <summary>The first collected account of the first customer: where the chain starts.</summary>
    public static DemoAccount From(DemoLayout layout) => layout.Customers[0].Accounts.First(a => !a.IsGap);

    /// <summary>The first collected account of the second customer: where it ends.</summary>
    public static DemoAccount To(DemoLayout layout) => layout.Customers[1].Accounts.First(a => !a.IsGap);

    public static void Plan(IamPlanner p, Func<string, JsonObject, IamRole> role)
    {
        var c = p.Context;
        var (from, to, platform) = (From(c.Layout).Id, To(c.Layout).Id, c.Layout.Platform.Id);
        if (c.Id == from)
        {
            var start = role(Start, Trust(AwsPrincipal(Root(c.Id))));
            start.Inline.Add(new IamInline("reach-platform-support", Document(Statement("Allow", null, ["sts:AssumeRole"], [$"arn:aws:iam::{platform}:role/{Bridge}"]))));
        }
        else if (c.Id == platform)
        {
            var bridge = role(Bridge, Trust(AwsPrincipal($"arn:aws:iam::{from}:role/{Start}")));
            c.Violation(RuleIds.RoleTrust, bridge.Arn, $"trust policy lets role {Start} of account {from}, of customer '{c.Layout.Customers[0].Id}', assume the platform role");
            c.Violation(RuleIds.TrustExternalId, bridge.Arn, $"trust policy lets role {Start} of account {from}, of customer '{c.Layout.Customers[0].Id}', assume the role without an sts:ExternalId condition");
            bridge.Inline.Add(new IamInline("support-every-account", Document(Statement("Allow", null, ["sts:AssumeRole"], [$"arn:aws:iam::*:role/{Access}"]))));
        }
        else if (c.Id == to)
        {
            var access = role(Access, Trust(AwsPrincipal($"arn:aws:iam::{platform}:role/{Bridge}")));
            p.Attach(access.Attached, ReadOnly);
            access.Inline.Add(new IamInline("hand-over-releases", Document(Statement("Allow", null, ["sts:AssumeRole"], [$"arn:aws:iam::{c.Id}:role/{ReleaseManager}"]))));
            var manager = role(ReleaseManager, Trust(AwsPrincipal(Root(c.Id))));
            manager.Inline.Add(new IamInline("become-release-admin", Document(Statement("Allow", null, ["sts:AssumeRole"], [$"arn:aws:iam::{c.Id}:role/{ReleaseAdmin}"]))));
            var admin = role(ReleaseAdmin, Trust(AwsPrincipal($"arn:aws:iam::{c.Id}:role/{ReleaseManager}")));
            p.Attach(admin.Attached, AdminFullAccess);
            c.Violation(RuleIds.AdminAccess, admin.Arn, $"role {ReleaseAdmin} allows \"*\" on \"*\" through {AdminFullAccess}");
        }
    }
}
