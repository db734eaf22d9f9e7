using static Ocado.Guardrails.Scanner.Demo.IamDocuments;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// An account's users: people in the developers (and readonly) groups with a password and MFA, service users with
/// a recent access key, and every third user a plant: console without MFA, an old key, admin, escalation, or a
/// compliant look-alike. Keys count as old from 120 days, recent up to 80: the rule's 90 is never on the edge.
/// </summary>
internal static class IamUserPlanner
{
    private enum Kind
    {
        NoMfa, OldFirstKey, AdminDirect, EscalationPolicyVersion, NoMfaAndOldSecondKey, EscalationViaGroup, AdminViaGroup,
        AdminAndEscalation, AdminCancelledByDenyAll, EscalationCancelledByDeny, InactiveOldKey, ServiceWithoutMfa,
    }

    private static readonly Kind[] Kinds = Enum.GetValues<Kind>();

    public static void Plan(IamPlanner p)
    {
        var c = p.Context;
        var count = Math.Min(1200, 8 + (int)Math.Round(5 * c.Scale));
        var plants = c.Account.Index * 5;
        for (var j = 0; j < count; j++)
        {
            if (j % 3 == 1)
            {
                Plant(p, Kinds[plants++ % Kinds.Length]);
            }
            else if (j % 4 == 3)
            {
                var application = c.Faker.PickRandom(Names.Applications);
                var user = User(p, $"svc-{application}", application, Service(c));
                p.Attach(user.Attached, AppDataPrefix + application);
            }
            else
            {
                var user = User(p, PersonName(c), "people", Person(c, mfa: true, j % 5 == 0 ? null : Fresh(c), null));
                user.Groups.Add(p.Group("developers", DeveloperAccess));
                if (j % 2 == 0)
                {
                    user.Groups.Add(p.Group("readonly", ReadOnly));
                }
            }
        }
        if (c.Account == c.Layout.ScpAccount)
        {
            // iam:CreateAccessKey on any user is an escalation, which the SCP attached to this account denies
            // (DemoOrganization): no violation while the organisation is read, one when it is not.
            var minter = User(p, "key-minter", "people", Person(c, mfa: true, Fresh(c), null));
            p.Attach(minter.Attached, KeyMinter);
        }
    }

    private static void Plant(IamPlanner p, Kind kind)
    {
        var c = p.Context;
        var credentials = kind switch
        {
            Kind.NoMfa => Person(c, mfa: false, null, null),
            Kind.OldFirstKey => Person(c, mfa: true, Old(c), null),
            Kind.NoMfaAndOldSecondKey => Person(c, mfa: false, Fresh(c), Old(c)),
            Kind.InactiveOldKey => Person(c, mfa: true, Old(c) with { Active = false, LastUsed = null, Region = null, Service = null }, Fresh(c)),
            Kind.ServiceWithoutMfa => Service(c),
            _ => Person(c, mfa: true, null, null),
        };
        var name = kind == Kind.ServiceWithoutMfa ? "svc-reporting" : PersonName(c);
        var user = User(p, name, kind == Kind.ServiceWithoutMfa ? "reporting" : "people", credentials);
        var arn = user.Arn;
        if (kind != Kind.ServiceWithoutMfa)
        {
            user.Groups.Add(p.Group("developers", DeveloperAccess));
        }
        var key = credentials.Key1 is { Active: true } first && first.Rotated < DemoLayout.CollectedAt.AddDays(-90) ? first : credentials.Key2;
        switch (kind)
        {
            case Kind.NoMfa or Kind.NoMfaAndOldSecondKey:
                c.Violation(RuleIds.ConsoleMfa, arn, $"user {user.Name} has a console password and no MFA device");
                if (kind == Kind.NoMfaAndOldSecondKey)
                {
                    c.Violation(RuleIds.KeysRotated, arn, $"access key 2 is active and was last rotated {Iso.CredentialReport(key!.Rotated)}, over 90 days before the snapshot");
                    c.Violation(RuleIds.SingleActiveKey, arn, "access keys 1 and 2 are both active");
                }
                break;
            case Kind.OldFirstKey:
                c.Violation(RuleIds.KeysRotated, arn, $"access key 1 is active and was last rotated {Iso.CredentialReport(key!.Rotated)}, over 90 days before the snapshot");
                break;
            case Kind.AdminDirect:
                p.Attach(user.Attached, AdminFullAccess);
                c.Violation(RuleIds.AdminAccess, arn, $"user {user.Name} allows \"*\" on \"*\" through {AdminFullAccess}");
                break;
            case Kind.AdminAndEscalation:
                p.Attach(user.Attached, AdminFullAccess, PolicyManager);
                c.Violation(RuleIds.AdminAccess, arn, $"user {user.Name} allows \"*\" on \"*\" through {AdminFullAccess} (its iam:CreatePolicyVersion is not reported again as escalation)");
                break;
            case Kind.AdminViaGroup:
                user.Groups.Add(p.Group("admins", AdminFullAccess));
                c.Violation(RuleIds.AdminAccess, arn, $"user {user.Name} allows \"*\" on \"*\" through its group admins ({AdminFullAccess})");
                break;
            case Kind.EscalationPolicyVersion:
                p.Attach(user.Attached, PolicyManager);
                c.Violation(RuleIds.PrivilegeEscalation, arn, $"iam:CreatePolicyVersion ({PolicyManager}): creating a new policy version");
                break;
            case Kind.EscalationViaGroup:
                user.Groups.Add(p.Group("iam-helpers", UserHelper));
                c.Violation(RuleIds.PrivilegeEscalation, arn, $"iam:AttachUserPolicy through its group iam-helpers ({UserHelper}): attaching a policy to a user");
                break;
            case Kind.AdminCancelledByDenyAll:
                p.Attach(user.Attached, AdminFullAccess, DenyAll);
                break;
            case Kind.EscalationCancelledByDeny:
                p.Attach(user.Attached, PolicyManager, DenyPolicyWrites);
                break;
            case Kind.ServiceWithoutMfa:
                p.Attach(user.Attached, AppDataPrefix + "reporting");
                break;
        }
    }

    private static IamUser User(IamPlanner p, string name, string application, IamCredentials credentials)
    {
        var c = p.Context;
        var unique = p.UniqueName(name);
        var arn = $"arn:aws:iam::{c.Id}:user/{unique}";
        var tags = c.Tags.Next(null, application);
        var user = new IamUser(unique, arn, AwsIds.Iam(c.Random, "AIDA"), c.DaysAgo(800, 1500), tags, credentials);
        c.Record("AWS::IAM::User", IamPlanner.GlobalRegion, arn, tags);
        p.Model.Users.Add(user);
        // iam-user-console-password-used-recently: the credential report's dates are whole seconds, as these are.
        if (credentials.Password && DemoLayout.CollectedAt - (credentials.PasswordLastUsed ?? credentials.PasswordChanged ?? user.Created) > TimeSpan.FromDays(45))
        {
            c.Violation(RuleIds.PasswordUsedRecently, arn, credentials.PasswordLastUsed is null
                ? "the console password was never used and was set over 45 days before the snapshot"
                : "the console password was last used over 45 days before the snapshot");
        }
        return user;
    }

    private static string PersonName(AccountContext c) =>
        $"{DemoLayout.Letters(c.Faker.Name.FirstName())}.{DemoLayout.Letters(c.Faker.Name.LastName())}";

    private static IamCredentials Person(AccountContext c, bool mfa, IamAccessKey? key1, IamAccessKey? key2) =>
        new(Password: true, c.Random.Int(0, 5) == 0 ? null : c.DaysAgo(0, 30), c.DaysAgo(30, 300), mfa, key1, key2);

    private static IamCredentials Service(AccountContext c) => new(Password: false, null, null, Mfa: false, Fresh(c), null);

    private static IamAccessKey Fresh(AccountContext c) =>
        new(true, c.DaysAgo(3, 80), c.DaysAgo(0, 2), c.Faker.PickRandom(DemoLayout.Regions.ToArray()), c.Faker.PickRandom("s3", "sqs", "dynamodb", "sts"));

    private static IamAccessKey Old(AccountContext c) =>
        new(true, c.DaysAgo(120, 700), c.DaysAgo(0, 5), c.Faker.PickRandom(DemoLayout.Regions.ToArray()), c.Faker.PickRandom("s3", "sqs", "dynamodb"));
}
