using Bogus;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Everything one account's generation shares: its own seeded Faker (so accounts can be generated in parallel and
/// still byte-identical), its tags, the violations planted in it and the resources counted in it.
/// </summary>
internal sealed class AccountContext
{
    private readonly Action<int> _progress;
    private int _unreported;

    public AccountContext(DemoLayout layout, DemoAccount account, string directory, int seed, double scale, Action<int> progress)
    {
        Layout = layout;
        Account = account;
        Directory = Path.Combine(directory, account.Id);
        Scale = scale;
        Faker = new Faker("en") { Random = new Randomizer(unchecked((seed * 1_000_003) + ((account.Index + 1) * 7919))) };
        Tags = new TagFactory(layout, account, Faker);
        BucketGrants = new GrantSchedule(account.Index);
        QueueGrants = new GrantSchedule(account.Index + 2);
        TopicGrants = new GrantSchedule(account.Index + 4);
        CanonicalUserId = AwsIds.Hex(Random, 32);
        _progress = progress;
    }

    public DemoLayout Layout { get; }
    public DemoAccount Account { get; }
    public string Id => Account.Id;

    /// <summary>The account's folder in the snapshot directory.</summary>
    public string Directory { get; }

    /// <summary>Size relative to the default demo: counts of resources and of planted violations follow it.</summary>
    public double Scale { get; }
    public Faker Faker { get; }
    public Randomizer Random => Faker.Random;
    public TagFactory Tags { get; }
    public List<DemoViolation> Violations { get; } = [];
    public GrantSchedule BucketGrants { get; }
    public GrantSchedule QueueGrants { get; }
    public GrantSchedule TopicGrants { get; }

    /// <summary>The S3 canonical user id of the account, owner of its buckets.</summary>
    public string CanonicalUserId { get; }
    public Dictionary<string, long> ResourcesByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Resources per (type, region), which is how the scanner computes quota usage.</summary>
    public Dictionary<(string Type, string Region), int> Usage { get; } = [];

    public string? PayloadArn { get; set; }

    public void Violation(string ruleId, string arn, string why) => Violations.Add(new(ruleId, arn, why));

    /// <summary>Counts a resource and records the tagging rules it fails.</summary>
    public void Record(string type, string region, string arn, TagSet tags)
    {
        Count(type, region);
        TagRules.Evaluate(tags, Account, arn, Violations);
    }

    /// <summary>Counts a resource that no tagging rule judges (a quota).</summary>
    public void Count(string type, string region)
    {
        ResourcesByType[type] = ResourcesByType.GetValueOrDefault(type) + 1;
        Usage[(type, region)] = Usage.GetValueOrDefault((type, region)) + 1;
        if (++_unreported == 1000)
        {
            _progress(_unreported);
            _unreported = 0;
        }
    }

    /// <summary>Resources of a type in a region, or in every region when <paramref name="region"/> is null.</summary>
    public int UsageOf(string type, string? region) =>
        Usage.Where(p => p.Key.Type == type && (region is null || p.Key.Region == region)).Sum(p => p.Value);

    public void FlushProgress()
    {
        _progress(_unreported);
        _unreported = 0;
    }

    /// <summary>A time before the snapshot, between the given numbers of days back.</summary>
    public DateTimeOffset DaysAgo(int minDays, int maxDays) =>
        DemoLayout.CollectedAt.AddSeconds(-Random.Int(minDays * 86_400, maxDays * 86_400));
}
