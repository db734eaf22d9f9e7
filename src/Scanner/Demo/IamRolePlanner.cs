using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.IamDocuments;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// An account's roles: the audit role (trusting the platform), one more look-alike, Lambda and EC2 roles trusting
/// their services, and every third role a plant: a violation of trust, admin or escalation, or a compliant look-alike.
/// </summary>
internal static class IamRolePlanner
{
    private enum Kind
    {
        TrustForeignCustomer, TrustUnknownAccount, TrustOrganization, AdminAttached, EscalationSplit, TrustEveryone, AdminInline,
        EscalationLambdaCode, PowerUser, TrustExternalIdOnly, SameCustomerDeploy, DenyForeign, PassRoleOnly, PrincipalAccountPinned,
    }

    private static readonly Kind[] Kinds = Enum.GetValues<Kind>();

    public static void Plan(IamPlanner p)
    {
        var c = p.Context;
        var platform = c.Layout.Platform.Id;
        var count = Math.Min(2500, 10 + (int)Math.Round(6 * c.Scale));
        var audit = Role(p, DemoLayout.AuditRoleName, "security",
            Trust(AwsPrincipal($"arn:aws:iam::{platform}:role/guardrails-collector"), Condition("StringEquals", "sts:ExternalId", "guardrails-" + c.Layout.OrganizationId)));
        p.Attach(audit.Attached, AuditRead);
        var operations = c.Account.IsPlatform
            ? Role(p, "platform-operations", "operations", Trust(AwsPrincipal(Root(c.Id))))
            : Role(p, "platform-operations", "operations", Trust(AwsPrincipal(Root(platform))));
        p.Attach(operations.Attached, ReadOnly);

        var plants = c.Account.Index * 5;
        for (var j = 2; j < count; j++)
        {
            if (j % 3 == 2)
            {
                Plant(p, Kinds[plants++ % Kinds.Length]);
                continue;
            }
            var application = c.Faker.PickRandom(Names.Applications);
            var lambda = j % 2 == 0;
            var role = Role(p, $"{p.Prefix}-{application}-{(lambda ? "lambda" : "ec2")}", application,
                Trust(Service(lambda ? "lambda.amazonaws.com" : "ec2.amazonaws.com")));
            if (lambda)
            {
                p.Attach(role.Attached, LambdaBasic, AppDataPrefix + application);
                p.Model.LambdaRoles.Add(role);
            }
            else
            {
                p.Attach(role.Attached, AppDataPrefix + application);
                role.HasInstanceProfile = true;
                p.Model.InstanceRoles.Add(role);
            }
        }
        GraphPlant.Plan(p, (name, trust) => Role(p, name, "operations", trust));
        TrustPlant.Plan(p, (name, trust) => Role(p, name, "operations", trust));
    }

    private static void Plant(IamPlanner p, Kind kind)
    {
        var c = p.Context;
        var own = Root(c.Id);
        var foreign = c.Faker.Pick(c.Layout.ForeignTo(c.Account));
        var unknown = c.Faker.Pick(c.Layout.UnknownAccounts);
        var same = c.Layout.SameCustomer(c.Account) is { Count: > 0 } others ? c.Faker.Pick(others).Id : c.Id;
        var vendor = c.Faker.PickRandom(Names.Vendors);
        var externalId = AwsIds.Lower(c.Random, 24);
        var (name, trust) = kind switch
        {
            Kind.TrustForeignCustomer => ("partner-data-exchange", Trust(AwsPrincipal(Root(foreign.Id)))),
            Kind.TrustUnknownAccount => ($"vendor-{vendor}-integration", Trust(AwsPrincipal(unknown), Condition("StringEquals", "sts:ExternalId", externalId))),
            Kind.TrustOrganization => ("org-shared-reader", Trust(AwsPrincipal("*"), Condition("StringEquals", "aws:PrincipalOrgID", c.Layout.OrganizationId))),
            Kind.AdminAttached => ("break-glass-admin", Trust(AwsPrincipal(own), Condition("Bool", "aws:MultiFactorAuthPresent", "true"))),
            Kind.TrustEveryone => ("legacy-public-reader", Trust(AwsPrincipal("*"))),
            Kind.AdminInline => ("emergency-lambda-admin", Trust(Service("lambda.amazonaws.com"))),
            Kind.TrustExternalIdOnly => ("external-auditor", Trust(AwsPrincipal("*"), Condition("StringEquals", "sts:ExternalId", externalId))),
            Kind.SameCustomerDeploy => ("ci-deploy", Trust(AwsPrincipal($"arn:aws:iam::{same}:role/{TrustPlant.CiRunner}"))),
            Kind.DenyForeign => ("support-access", Document(TrustStatement("Allow", AwsPrincipal(own)), TrustStatement("Deny", AwsPrincipal(Root(foreign.Id))))),
            Kind.PassRoleOnly => ("ecs-task-launcher", Trust(Service("ecs-tasks.amazonaws.com"))),
            Kind.PrincipalAccountPinned => ("account-local-reader", Trust(AwsPrincipal("*"), Condition("StringEquals", "aws:PrincipalAccount", c.Id))),
            Kind.EscalationSplit => ("ops-automation", Trust(AwsPrincipal(own))),
            Kind.EscalationLambdaCode => ("lambda-deployer", Trust(AwsPrincipal(own))),
            _ => ("power-user", Trust(AwsPrincipal(own))),
        };
        var role = Role(p, name, "operations", trust);
        var arn = role.Arn;
        switch (kind)
        {
            case Kind.TrustForeignCustomer:
                p.Attach(role.Attached, ReadOnly);
                c.Violation(RuleIds.RoleTrust, arn, $"trust policy lets account {foreign.Id} of customer '{foreign.CustomerId}' assume the role");
                c.Violation(RuleIds.TrustExternalId, arn, $"trust policy lets account {foreign.Id} of customer '{foreign.CustomerId}' assume the role without an sts:ExternalId condition");
                break;
            case Kind.TrustUnknownAccount:
                p.Attach(role.Attached, ReadOnly);
                c.Violation(RuleIds.RoleTrust, arn, $"trust policy lets account {unknown}, unknown to the estate, assume the role (an external id does not change whose account it is)");
                break;
            case Kind.TrustOrganization or Kind.TrustEveryone or Kind.TrustExternalIdOnly:
                p.Attach(role.Attached, ReadOnly);
                c.Violation(RuleIds.RoleTrust, arn, kind switch
                {
                    Kind.TrustOrganization => "trust policy lets \"*\" assume the role, limited only by aws:PrincipalOrgID, which every customer shares",
                    Kind.TrustEveryone => "trust policy lets \"*\" assume the role without a condition",
                    _ => "trust policy lets \"*\" assume the role, limited only by sts:ExternalId, which pins no account",
                });
                c.Violation(RuleIds.TrustNotPublic, arn, "trust policy lets \"*\" assume the role without a condition naming an account");
                if (kind != Kind.TrustExternalIdOnly)
                {
                    c.Violation(RuleIds.TrustExternalId, arn, "trust policy lets \"*\" assume the role without an sts:ExternalId condition");
                }
                break;
            case Kind.AdminAttached:
                p.Attach(role.Attached, AdminFullAccess);
                c.Violation(RuleIds.AdminAccess, arn, $"role {role.Name} allows \"*\" on \"*\" through {AdminFullAccess}");
                break;
            case Kind.AdminInline:
                role.Inline.Add(new IamInline("emergency-all", Document(Allow("*"))));
                c.Violation(RuleIds.PolicyAdmin, arn, $"role {role.Name}'s inline policy emergency-all allows \"*\" on \"*\"");
                c.Violation(RuleIds.AdminAccess, arn, $"role {role.Name} allows \"*\" on \"*\" through its inline policy emergency-all");
                break;
            case Kind.EscalationSplit:
                p.Attach(role.Attached, PassRoleAny, Ec2Launcher);
                c.Violation(RuleIds.PrivilegeEscalation, arn, $"iam:PassRole ({PassRoleAny}) with ec2:RunInstances ({Ec2Launcher}): an EC2 instance with an existing instance profile");
                break;
            case Kind.EscalationLambdaCode:
                p.Attach(role.Attached, LambdaCodeDeployer);
                c.Violation(RuleIds.PrivilegeEscalation, arn, "lambda:UpdateFunctionCode: updating the code of an existing Lambda function");
                break;
            case Kind.PowerUser:
                p.Attach(role.Attached, PowerUser);
                c.Violation(RuleIds.PrivilegeEscalation, arn, "NotAction iam:*, organizations:*, account:* still allows lambda:UpdateFunctionCode (and more); not admin, since IAM is excluded");
                break;
            case Kind.SameCustomerDeploy:
                p.Attach(role.Attached, CiDeploy);
                break;
            case Kind.PassRoleOnly:
                p.Attach(role.Attached, PassRoleAny, ReadOnly);
                break;
            default:
                p.Attach(role.Attached, ReadOnly);
                break;
        }
    }

    public static IamRole Role(IamPlanner p, string name, string application, JsonObject trust)
    {
        var c = p.Context;
        var unique = p.UniqueName(name);
        var arn = $"arn:aws:iam::{c.Id}:role/{unique}";
        var tags = c.Tags.Next(null, application);
        var role = new IamRole(unique, arn, AwsIds.Iam(c.Random, "AROA"), "/", c.DaysAgo(60, 1400), trust, tags)
        {
            LastUsed = c.Random.Int(0, 4) == 0 ? null : c.DaysAgo(0, 20),
        };
        c.Record("AWS::IAM::Role", IamPlanner.GlobalRegion, arn, tags);
        p.Model.Roles.Add(role);
        return role;
    }
}
