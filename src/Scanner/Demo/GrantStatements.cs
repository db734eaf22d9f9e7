using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>What a resource policy statement applies to, and the ARNs a compliant look-alike may name.</summary>
/// <param name="Service">A service principal that plausibly uses the resource (logging.s3.amazonaws.com, ...).</param>
/// <param name="OwnSourceArn">An ARN in the owner's account, for an aws:SourceArn condition.</param>
internal sealed record GrantTarget(string Noun, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, string Service, string OwnSourceArn);

/// <summary>
/// The statements a <see cref="Grant"/> adds to a bucket, queue or topic policy, and, for a violation, why it
/// fails segregation (the catalog: another customer, an unknown account, or "*" not pinned to allowed accounts).
/// </summary>
internal static class GrantStatements
{
    public static (List<JsonObject> Statements, string? Why) Build(Grant grant, AccountContext context, GrantTarget target)
    {
        if (grant == Grant.Default)
        {
            return ([], null);
        }
        var own = context.Id;
        var layout = context.Layout;
        var foreign = context.Faker.Pick(layout.ForeignTo(context.Account));
        var unknown = context.Faker.Pick(layout.UnknownAccounts);
        var same = layout.SameCustomer(context.Account) is { Count: > 0 } others ? context.Faker.Pick(others).Id : own;
        var platform = layout.Platform.Id;
        var actions = string.Join(", ", target.Actions);
        JsonObject Allow(JsonNode principal, JsonObject? condition = null, string? sid = null) =>
            Statement("Allow", principal, target.Actions, target.Resources, condition, sid);
        string ForeignWhy(string how) => $"{target.Noun} grants {actions} {how} account {foreign.Id} of customer '{foreign.CustomerId}'";

        return grant switch
        {
            Grant.ForeignCustomer =>
                ([Allow(AwsPrincipal(Root(foreign.Id)), sid: "PartnerRead")], ForeignWhy("to")),
            Grant.UnknownAccount =>
                ([Allow(AwsPrincipal(unknown), sid: "VendorAccess")], $"{target.Noun} grants {actions} to account {unknown}, unknown to the estate"),
            Grant.Public =>
                ([Allow(JsonValue.Create("*"), sid: "PublicRead")], $"{target.Noun} grants {actions} to \"*\" without a condition"),
            Grant.PublicOrgIdOnly =>
                ([Allow(AwsPrincipal("*"), Condition("StringEquals", "aws:PrincipalOrgID", layout.OrganizationId), "OrganizationRead")],
                    $"{target.Noun} grants {actions} to \"*\" limited only by aws:PrincipalOrgID, which every customer shares"),
            Grant.PublicSourceAccountForeign =>
                ([Allow(JsonValue.Create("*"), Condition("StringEquals", "aws:SourceAccount", foreign.Id), "CrossAccountDelivery")],
                    ForeignWhy("to \"*\" pinned by aws:SourceAccount to")),
            Grant.OwnAndForeignRole =>
                ([Allow(AwsPrincipal(Root(own), $"arn:aws:iam::{foreign.Id}:role/data-exchange"), sid: "DataExchange")], ForeignWhy("to a role of")),
            Grant.PublicSourceAccountOwn =>
                ([Allow(JsonValue.Create("*"), Condition("StringEquals", "aws:SourceAccount", own), "SameAccountDelivery")], null),
            Grant.SameCustomer =>
                ([Allow(AwsPrincipal(Root(same)), sid: "SameCustomerAccess")], null),
            Grant.PlatformRole =>
                ([Allow(AwsPrincipal($"arn:aws:iam::{platform}:role/platform-observability"), sid: "PlatformObservability")], null),
            Grant.ServicePrincipal =>
                ([Allow(Service(target.Service), Condition("StringEquals", "aws:SourceAccount", own), "ServiceDelivery")], null),
            Grant.DenyForeign =>
                ([Statement("Deny", AwsPrincipal(Root(foreign.Id)), target.Actions, target.Resources, sid: "DenyFormerPartner")], null),
            Grant.PublicSourceArnOwn =>
                ([Allow(JsonValue.Create("*"), Condition("ArnLike", "aws:SourceArn", target.OwnSourceArn), "SourceArnDelivery")], null),
            _ => ([], null),
        };
    }
}
