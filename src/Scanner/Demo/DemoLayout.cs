using System.Globalization;
using Bogus;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The shape of the demo estate: three customers, their accounts, one platform account, the account that is a
/// coverage gap, and a few accounts nobody in the estate knows. Account ids come from the seed.
/// </summary>
internal sealed class DemoLayout
{
    /// <summary>The instant of the snapshot: every age (key rotation, creation) is measured back from it.</summary>
    public static readonly DateTimeOffset CollectedAt = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<string> Regions = ["eu-west-1", "eu-central-1"];

    /// <summary>Where AWS answers for global services (IAM, S3 account quotas, IAM tags).</summary>
    public const string GlobalRegion = "us-east-1";

    public const string PlatformTag = "platform";
    public const string AuditRoleName = "GuardrailsAudit";

    private static readonly (string Id, string Name, string Domain, string[] Environments)[] CustomerSpecs =
    [
        ("acme", "Acme Foods", "acmefoods.example", ["production", "staging", "development", "sandbox"]),
        ("globex", "Globex Retail", "globexretail.example", ["production", "staging", "development"]),
        ("initech", "Initech Grocers", "initechgrocers.example", ["production", "staging", "development", "sandbox"]),
    ];

    private DemoLayout(IReadOnlyList<DemoCustomer> customers, DemoAccount platform, IReadOnlyList<string> unknown, string organizationId, int seed)
    {
        Customers = customers;
        Platform = platform;
        UnknownAccounts = unknown;
        OrganizationId = organizationId;
        Accounts = [.. customers.SelectMany(c => c.Accounts), platform];
        Gap = Accounts.Single(a => a.IsGap);
        Hub = DemoHub.Plan(this, seed);
    }

    public IReadOnlyList<DemoCustomer> Customers { get; }
    public DemoAccount Platform { get; }
    public DemoAccount Gap { get; }
    public IReadOnlyList<DemoAccount> Accounts { get; }

    /// <summary>The platform's transit gateways and every account's attachment to them, planned before any account is generated.</summary>
    public DemoHub Hub { get; }

    /// <summary>Accounts outside the estate (a vendor, a former partner): granting to them is a violation.</summary>
    public IReadOnlyList<string> UnknownAccounts { get; }

    /// <summary>The AWS Organization every estate account belongs to; aws:PrincipalOrgID alone is not segregation.</summary>
    public string OrganizationId { get; }

    public IEnumerable<DemoAccount> Collected => Accounts.Where(a => !a.IsGap);

    /// <summary>
    /// The organisation's management account: outside the estate (a scan does not judge it), and outside the range the
    /// estate's ids are drawn from, so that no seed can collide with it.
    /// </summary>
    public const string ManagementAccountId = "000011112222";

    /// <summary>The account whose own SCP denies critical IAM user actions (DemoOrganization): the first customer account.</summary>
    public DemoAccount ScpAccount => Collected.First(a => !a.IsPlatform);

    /// <summary>The coverage gap the demo plants: the audit role of one account refuses the collector, as AWS words it.</summary>
    public CoverageGap PlantedGap() => new(Gap.Id, null, "sts:AssumeRole",
        $"AccessDenied: User: arn:aws:sts::{Platform.Id}:assumed-role/guardrails-collector/guardrails-scan is not authorized " +
        $"to perform: sts:AssumeRole on resource: arn:aws:iam::{Gap.Id}:role/{AuditRoleName} " +
        "(planted by the demo estate: an account the scan could not read is reported as not covered, never as clean)");

    /// <summary>Accounts of customers other than the owner's (for the platform: every customer account), gap excluded.</summary>
    public IReadOnlyList<DemoAccount> ForeignTo(DemoAccount owner) =>
        [.. Collected.Where(a => !a.IsPlatform && a.CustomerId != owner.CustomerId)];

    /// <summary>The owner's customer's other accounts, gap excluded; empty for the platform.</summary>
    public IReadOnlyList<DemoAccount> SameCustomer(DemoAccount owner) =>
        owner.IsPlatform ? [] : [.. Collected.Where(a => a.CustomerId == owner.CustomerId && a.Id != owner.Id)];

    public DemoCustomer CustomerOf(DemoAccount account) => Customers.Single(c => c.Id == account.CustomerId);

    public static DemoLayout Create(int seed, int accountCount = DemoOptions.DefaultAccounts)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var used = new HashSet<string>(StringComparer.Ordinal);
        string NextAccountId()
        {
            while (true)
            {
                var id = faker.Random.Long(100_000_000_000L, 999_999_999_999L).ToString(CultureInfo.InvariantCulture);
                if (used.Add(id))
                {
                    return id;
                }
            }
        }

        var index = 0;
        var customers = new List<DemoCustomer>();
        foreach (var (id, name, domain, environments) in CustomerSpecs)
        {
            var team = Team(faker, domain);
            var accounts = environments.Select(environment => new DemoAccount(
                index++, NextAccountId(), id, environment, $"{id}-{Short(environment)}", team,
                IsGap: id == "initech" && environment == "sandbox",
                UrlEncodedIam: id == "globex" && environment == "staging")).ToList();
            customers.Add(new DemoCustomer(id, name, accounts));
        }
        var platform = new DemoAccount(index, NextAccountId(), null, "production", "platform-shared",
            Team(faker, "platform.example"), IsGap: false, UrlEncodedIam: false);
        var unknown = Enumerable.Range(0, 3).Select(_ => NextAccountId()).ToList();
        var organization = "o-" + faker.Random.String2(10, "abcdefghijklmnopqrstuvwxyz0123456789");
        // Extra accounts draw their ids last, so that the default estate's ids stay as they were.
        var extra = customers.ToDictionary(c => c.Id, c => c.Accounts.ToList());
        for (var n = 0; index + 1 + n < accountCount; n++)
        {
            var customer = customers[n % customers.Count];
            var spec = CustomerSpecs.Single(s => s.Id == customer.Id);
            var round = n / customers.Count;
            var environment = spec.Environments[round % spec.Environments.Length];
            var copy = 1 + (round / spec.Environments.Length);
            extra[customer.Id].Add(new DemoAccount(index + 1 + n, NextAccountId(), customer.Id, environment,
                $"{customer.Id}-{Short(environment)}{copy + 1}", customer.Accounts[0].Team, IsGap: false, UrlEncodedIam: false, copy));
        }
        customers = [.. customers.Select(c => c with { Accounts = extra[c.Id] })];
        return new DemoLayout(customers, platform, unknown, organization, seed);
    }

    public static string Short(string environment) => environment switch
    {
        "production" => "prod",
        "staging" => "stg",
        "development" => "dev",
        _ => "sbx",
    };

    private static DemoTeam Team(Faker faker, string domain)
    {
        var owners = Enumerable.Range(0, 8)
            .Select(_ => $"{Letters(faker.Name.FirstName())}.{Letters(faker.Name.LastName())}@{domain}")
            .Distinct(StringComparer.Ordinal).ToList();
        var costCentres = Enumerable.Range(0, 3)
            .Select(_ => "CC-" + faker.Random.Number(1000, 9999).ToString(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal).ToList();
        return new DemoTeam(domain, owners, costCentres);
    }

    /// <summary>Lower-case letters only: Bogus names carry apostrophes and spaces that no mailbox would.</summary>
    public static string Letters(string text) =>
        new(text.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z').ToArray());
}
