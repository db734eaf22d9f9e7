using System.Text;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// ConfigFileStream finds a Config file's items by their braces and strings, each item then parsed on its own: it
/// streams exactly the resources the whole-file reader (ConfigFiles.Read) reads, and refuses (the account is then
/// read whole, which words the gap) every file that reader refuses, whatever lies between, around or inside items.
/// </summary>
public sealed class ConfigFileStreamTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("config-stream-").FullName;

    private static string Item(int n, string configuration = "{}") =>
        ConfigItem($"bucket-{n}", Acme).Replace("\"configuration\": {}", $"\"configuration\": {configuration}", StringComparison.Ordinal);

    private static string Items(string between, params string[] items) => $$"""{"configurationItems": [{{string.Join(between, items)}}]}""";

    /// <summary>Strings that a walk counting braces without reading strings, or escapes, would misread.</summary>
    private static readonly string[] Tricky =
    [
        """{"policy": "{\"Statement\": [{\"Resource\": \"}\"}]}"}""",
        """{"path": "C:\\", "next": "]", "quote": "\\\"}"}""",
        """{"a": [[{"b": "\u007d"}], {}], "c": "\\\\"}""",
    ];

    public static TheoryData<string> Read => new()
    {
        Items(", ", Item(1), Item(2)),
        Items(" \n\t\r,\r\n\t ", Item(1), Item(2, Tricky[0]), Item(3, Tricky[1])),
        """{"configurationItems": []}""",
        """{"configurationItems": [ ] , "fileVersion": "1.0"}""",
        "{\"fileVersion\": \"1.0\", \"configSnapshotId\": \"x{[\\\"\",\n \"configurationItems\": [" + Item(1, Tricky[2]) + "\n]\n}\n",
        // Items across many buffers (the first is a megabyte): cut anywhere, in a string, an escape or between items.
        Items(",", [.. Enumerable.Range(0, 8000).Select(i => Item(i, Tricky[i % Tricky.Length] + new string(' ', i % 7)))]),
    };

    public static TheoryData<string> Refused => new()
    {
        Items(", ", Item(1), Item(2)).Replace("}]}", "},]}", StringComparison.Ordinal),
        Items(" ", Item(1), Item(2)),
        Items(",,", Item(1), Item(2)),
        Items(", x ", Item(1), Item(2)),
        Items(", /* c */ ", Item(1), Item(2)),
        Items(", \f", Item(1), Item(2)),
        Items(", ", Item(1), "1"),
        Items(", ", Item(1), "[]"),
        Items(", ", Item(1), "\"{}\""),
        // A quote or a backslash outside a string, an item that ends twice or never.
        Items(", ", Item(1, """{"a": 1 \ }"""), Item(2)),
        Items(", ", Item(1, """{"a": "x}"""), Item(2)),
        Items(", ", Item(1, "{\"a\": 1}}"), Item(2)),
        Items(", ", Item(1), Item(2))[..^10],
        Items(", ", Item(1), Item(2)) + " x",
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void AFileTheWholeReaderReadsIsStreamedAsItReadsIt(string text)
    {
        var path = Write(text);
        var whole = ConfigFiles.Read(path, _root, Acme, InputLimits.Default);

        var (why, streamed) = Stream(path, InputLimits.Default);

        Assert.Null(why);
        Assert.Equal(whole.Select(Describe), streamed.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void AFileTheWholeReaderRefusesIsRefused(string text)
    {
        var path = Write(text);
        Assert.ThrowsAny<Exception>(() => ConfigFiles.Read(path, _root, Acme, InputLimits.Default));

        var (why, _) = Stream(path, InputLimits.Default);

        Assert.NotNull(why);
    }

    [Fact]
    public void AnItemNestedToTheFilesLimitIsReadAndOneLevelDeeperRefused()
    {
        // The item holds 3 levels (itself, configuration, a), the list and the file 2 more: 5 in all.
        var path = Write(Items(", ", Item(1, """{"a": {}}"""), Item(2)));
        var fits = new InputLimits { MaxDepth = 5 };
        var deeper = new InputLimits { MaxDepth = 4 };

        Assert.Equal(2, ConfigFiles.Read(path, _root, Acme, fits).Count);
        Assert.Null(Stream(path, fits).Why);
        // A configuration no rule reads is parsed when first read, after its item's document is gone: within the item's limit still.
        var (why, streamed) = Stream(path, fits with { ReadConfigurations = ConfigurationReads.None });
        Assert.Null(why);
        Assert.All(streamed, r => Assert.NotNull(r.ConfigurationText));
        Assert.Equal(["""{"a": {}}""", "{}"], streamed.Select(r => r.Configuration.GetRawText()));
        Assert.ThrowsAny<Exception>(() => ConfigFiles.Read(path, _root, Acme, deeper));
        Assert.NotNull(Stream(path, deeper).Why);
    }

    [Fact]
    public void NoItemFitsUnderALimitOfTwoLevels()
    {
        var limits = new InputLimits { MaxDepth = 2 };
        var empty = Write("""{"configurationItems": []}""");
        var one = Write(Items(", ", Item(1)));

        Assert.Null(Stream(empty, limits).Why);
        Assert.NotNull(Stream(one, limits).Why);
    }

    [Fact]
    public void TellsOfEachItemWhetherTheIndexKeepsItAsInventoryDoes()
    {
        // A bucket whose policy grants by a principal's tag (kept by its account's index), and buckets without one.
        var byTag = """, "supplementaryConfiguration": {"BucketPolicy": {"policyText": "{\"Statement\": [{\"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/customer\": \"acme\"}}}]}"}}""";
        var path = Write(Items(", ", Item(1), ConfigItem("bucket-2", Acme, byTag), Item(3, Tricky[0])));
        var streamed = new List<(Resource Resource, bool? Indexed)>();

        Assert.Null(ConfigFileStream.Read(path, _root, Acme, InputLimits.Default, (resource, indexed) => streamed.Add((resource, indexed))));

        Assert.Equal([false, true, false], streamed.Select(s => s.Indexed));
        Assert.All(streamed, s => Assert.Equal(Inventory.Indexes(s.Resource), s.Indexed));
    }

    private (string? Why, List<Resource> Resources) Stream(string path, InputLimits limits)
    {
        var resources = new List<Resource>();
        var why = ConfigFileStream.Read(path, _root, Acme, limits, resources.Add);
        return (why, resources);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_root, $"{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }

    private static string Describe(Resource r) =>
        $"{r.Type} {r.Arn} {r.Id} {r.Name} {r.AccountId} {r.Region} {string.Join(",", r.Tags.Select(t => $"{t.Key}={t.Value}"))} "
        + $"{r.Configuration.GetRawText()} {string.Join(",", r.SupplementaryConfiguration.Select(s => $"{s.Key}={s.Value.GetRawText()}"))} {string.Join(",", r.Relationships)}";

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
