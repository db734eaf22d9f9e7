using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Tag-based access (ABAC) in every customer account: two roles read the account's secrets where the secret's
/// <c>customer</c> tag equals their own. One may also move that tag (every other account rewrites any secret's tag,
/// the rest tag the role itself, moving its aws:PrincipalTag/customer): a violation of
/// segregation-abac-tags-not-changeable. Its look-alike may tag too, but a Deny on the tag key
/// (<c>aws:TagKeys</c> = customer) keeps the perimeter.
/// </summary>
internal static class AbacPlant
{
    public const string TagKey = "customer";

    public static void Plan(IamPlanner p)
    {
        var c = p.Context;
        if (c.Account.IsPlatform)
        {
            return;
        }
        var secrets = $"arn:aws:secretsmanager:*:{c.Id}:secret:*";
        var retagsSecrets = c.Account.Index % 2 == 0;
        var steward = IamRolePlanner.Role(p, retagsSecrets ? "abac-secret-steward" : "abac-self-service", "security", IamDocuments.Trust(AwsPrincipal(Root(c.Id))));
        steward.Inline.Add(new IamInline("abac-secrets", Document(ReadByTag(secrets), Tagging(steward.Arn, secrets, retagsSecrets))));
        c.Violation(RuleIds.AbacTags, steward.Arn, retagsSecrets
            ? "reads secrets whose customer tag equals its own, and secretsmanager:TagResource on every secret rewrites that tag"
            : "reads secrets whose customer tag equals its own, and iam:TagRole on itself rewrites its own customer tag");

        var keeper = IamRolePlanner.Role(p, "abac-secret-keeper", "security", IamDocuments.Trust(AwsPrincipal(Root(c.Id))));
        keeper.Inline.Add(new IamInline("abac-secrets", Document(ReadByTag(secrets), Tagging(keeper.Arn, secrets, retagsSecrets),
            Statement("Deny", null, ["secretsmanager:TagResource", "secretsmanager:UntagResource", "iam:TagRole", "iam:UntagRole"], ["*"],
                new JsonObject { ["ForAnyValue:StringEquals"] = new JsonObject { ["aws:TagKeys"] = TagKey } }, sid: "KeepCustomerTag"))));
    }

    private static JsonObject ReadByTag(string secrets) =>
        Statement("Allow", null, ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], [secrets],
            Condition("StringEquals", $"aws:ResourceTag/{TagKey}", $"${{aws:PrincipalTag/{TagKey}}}"), sid: "ReadOwnCustomersSecrets");

    private static JsonObject Tagging(string roleArn, string secrets, bool onSecrets) => onSecrets
        ? Statement("Allow", null, ["secretsmanager:TagResource", "secretsmanager:UntagResource"], [secrets], sid: "TagSecrets")
        : Statement("Allow", null, ["iam:TagRole", "iam:UntagRole"], [roleArn], sid: "TagItself");
}
