using System.Collections.Frozen;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Resources;

/// <summary>
/// A resource's tags and supplementary configuration (FewKeys) hold what a FrozenDictionary of the same entries held,
/// enumerated in the same order (findings and reports list tags in it), found the same way (tags exactly, supplementary
/// names in any case), and still no mutable type to cast them to.
/// </summary>
public sealed class FewKeysTests
{
    private static readonly string[] TagWords =
        ["Name", "team", "env", "Environment", "cost-centre", "application", "owner", "aws:cloudformation:stack-name", "data-classification", "Backup", "CreatedBy", "k", "kk", "x1", "x2", "x3"];

    public static TheoryData<int, bool> Sets()
    {
        var sets = new TheoryData<int, bool>();
        foreach (var seed in Enumerable.Range(0, 40))
        {
            sets.Add(seed, false);
            sets.Add(seed, true);
        }
        return sets;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void EnumeratesInTheFrozenOrderAndFindsWhatFrozenFinds(int seed, bool ignoreCase)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var random = new Random(seed);
        var shapes = new KeyShapes();
        // Several dictionaries a seed, some with the keys of one before (the shape reused), other values each time.
        for (var round = 0; round < 6; round++)
        {
            var source = new Dictionary<string, string>(comparer);
            var count = round % 3 == 2 ? random.Next(9, 60) : random.Next(1, 9);
            var rebuilt = round > 0 && random.Next(2) == 0;
            var keys = rebuilt ? Keys(new Random(seed * 100 + round - 1), count) : Keys(random, count);
            foreach (var key in keys)
            {
                source[key] = $"value-{random.Next()}";
            }
            var expected = source.ToFrozenDictionary(comparer);
            var actual = FewKeys<string>.Of(source, comparer, shapes);

            Assert.Equal(expected.ToList(), actual.ToList());
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.Equal(expected.Values, actual.Values);
            Assert.Equal(expected.Count, actual.Count);
            foreach (var probe in keys.Concat(keys.Select(k => k.ToUpperInvariant())).Concat(["absent", "", "NAME"]))
            {
                Assert.Equal(expected.TryGetValue(probe, out var want), actual.TryGetValue(probe, out var got));
                Assert.Equal(want, got);
                Assert.Equal(expected.ContainsKey(probe), actual.ContainsKey(probe));
                Assert.Equal(want, actual.Find(probe));
            }
        }
    }

    private static List<string> Keys(Random random, int count)
    {
        var keys = new List<string>();
        while (keys.Count < count)
        {
            keys.Add(random.Next(3) switch
            {
                0 => TagWords[random.Next(TagWords.Length)],
                1 => new string((char)('a' + random.Next(26)), random.Next(1, 12)),
                _ => $"{TagWords[random.Next(TagWords.Length)]}:{random.Next(1000)}",
            });
        }
        return keys;
    }

    [Fact]
    public void ResourceTagsAndSupplementaryEnumerateAsFrozenAndCannotBeCastToBeWritten()
    {
        using var item = JsonDocument.Parse("""
            {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "awsAccountId": "111122223333", "awsRegion": "eu-west-1",
             "tags": {"team": "a", "Name": "b", "cost-centre": "c", "application": "d", "team": "e", "env": "f"},
             "supplementaryConfiguration": {"BucketPolicy": {"p": 1}, "ServerSideEncryptionConfiguration": {}, "bucketpolicy": 2, "Tags": []}}
            """);
        var resource = ConfigurationItems.ToResource(item.RootElement);

        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "e", ["Name"] = "b", ["cost-centre"] = "c", ["application"] = "d", ["env"] = "f" };
        Assert.Equal(tags.ToFrozenDictionary(StringComparer.Ordinal).ToList(), resource.Tags.ToList());
        // Written as JSON alike, whether by its declared type or its own (a finding's tags go to the store and reports).
        Assert.Equal(JsonSerializer.Serialize<object>(tags.ToFrozenDictionary(StringComparer.Ordinal)), JsonSerializer.Serialize<object>(resource.Tags));
        Assert.Equal(JsonSerializer.Serialize(tags.ToFrozenDictionary(StringComparer.Ordinal)), JsonSerializer.Serialize(resource.Tags));
        Assert.Equal("e", resource.Tag("team"));
        Assert.Null(resource.Tag("TEAM"));
        Assert.Equal(2, resource.Supplementary("BUCKETPOLICY")!.Value.GetInt32());
        Assert.Equal(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["BucketPolicy"] = 0, ["ServerSideEncryptionConfiguration"] = 0, ["Tags"] = 0 }
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).Keys, resource.SupplementaryConfiguration.Keys);

        Assert.IsNotAssignableFrom<IDictionary<string, string>>(resource.Tags);
        Assert.IsNotAssignableFrom<string[]>(resource.Tags.Keys);
        Assert.IsNotAssignableFrom<string[]>(resource.Tags.Values);
        Assert.Throws<KeyNotFoundException>(() => resource.Tags["absent"]);
        // Kept through a copy of the resource, not frozen again.
        Assert.Same(resource.Tags, (resource with { Name = "other" }).Tags);
    }
}
