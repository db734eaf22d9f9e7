using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One account and region being generated: where its configuration items and tags go.</summary>
internal sealed class RegionContext(AccountContext account, string region, RegionPlan plan, IamModel iam,
    ConfigSnapshotWriter config, TaggingWriter tagging)
{
    private static readonly string[] Zones = ["a", "b", "c"];

    public AccountContext Account { get; } = account;
    public string Region { get; } = region;
    public RegionPlan Plan { get; } = plan;
    public IamModel Iam { get; } = iam;
    public NetworkPool Network { get; set; } = NetworkPool.Empty;

    /// <summary>The region's DynamoDB tables, as Config recorded them: what <see cref="DynamoDbSnapshotWriter"/> lists.</summary>
    public List<(string Name, string Arn, DateTimeOffset Created)> Tables { get; } = [];
    public string Id => Account.Id;

    /// <summary>The account's name prefix: acme-prod, platform-prod.</summary>
    public string Prefix { get; } = account.Account.NamePrefix;

    public string Zone(int i) => Region + Zones[i % Zones.Length];

    public string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{Id}:{resource}";

    public string Application() => Account.Faker.PickRandom(Names.Applications);

    public TagSet NextTags(string? name, string application) => Account.Tags.Next(name, application);

    /// <summary>Writes a configuration item and its Tagging API entry, and judges its tags.</summary>
    public void Emit(ConfigItem item, TagSet tags, IReadOnlyList<ConfigRelation> relationships,
        Action<Utf8JsonWriter> configuration, Action<Utf8JsonWriter>? supplementary = null)
    {
        Account.Record(item.Type, Region, item.Arn, tags);
        config.Write(item, tags, relationships, configuration, supplementary);
        tagging.Write(item.Arn, tags);
    }

    /// <summary>A resource read from files of its own (AWS RAM's shares) with its given tags in the Tagging API.</summary>
    public void EmitTagged(string type, string arn, TagSet tags)
    {
        Account.Record(type, Region, arn, tags);
        tagging.Write(arn, tags);
    }

    /// <summary>A resource that AWS Config does not record: only the Tagging API knows it.</summary>
    public void EmitTaggedOnly(string type, string arn, string application)
    {
        var tags = Account.Tags.Next(null, application, canBeUntagged: false);
        Account.Record(type, Region, arn, tags);
        tagging.Write(arn, tags);
    }
}
