using System.Text;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// A Tagging API file read in one pass of its bytes (TaggingFileWalk) gives exactly what parsing it as a document gave:
/// the same mappings in the same order, each tag the same, or the same refusal in the same words.
/// </summary>
public sealed class TaggingFileWalkTests : IDisposable
{
    private const string Account = "111122223333";
    private static readonly InputLimits Limits = new() { MaxTagLength = 64, MaxDepth = 16 };
    private readonly string _folder = Directory.CreateTempSubdirectory("tagging-walk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Mapping(string arn, string tags) => $$"""{"ResourceARN": "{{arn}}", "Tags": {{tags}}}""";

    private static string File(params string[] mappings) => $$"""{"ResourceTagMappingList": [{{string.Join(", ", mappings)}}]}""";

    private const string Vpc = "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1";

    /// <summary>Files the walk reads itself.</summary>
    public static TheoryData<string> Plain => new()
    {
        File(Mapping(Vpc, """[{"Key": "Name", "Value": "web"}, {"Key": "owner", "Value": "a@example.com"}]""")),
        File(),
        // No value, null, the same key twice (the later wins), text that is not ASCII, an ARN of no account, one with spaces.
        File(Mapping(Vpc, """[{"Key": "a"}, {"Key": "b", "Value": null}, {"Value": "x", "Key": "a"}, {"Key": "é", "Value": "ü"}]"""),
            Mapping("arn:aws:s3:::bucket", "[]"), Mapping("  " + Vpc + " ", """[{"Key": "a", "Value": "1"}]""")),
        """{"PaginationToken": "", "ResourceTagMappingList": [], "n": 1}""",
        // At the limit: 62 characters and two quotes.
        File(Mapping(Vpc, "[{\"Key\": \"" + new string('k', 62) + "\", \"Value\": \"" + new string('v', 62) + "\"}]")),
    };

    /// <summary>Files left to the document's read: each either reads the same or is refused in the same words.</summary>
    public static TheoryData<string> Other => new()
    {
        File(Mapping("arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-1", "[]")),
        File(Mapping("not-an-arn", "[]")),
        File(Mapping("", "[]")),
        File("""{"ResourceARN": 7, "Tags": []}"""),
        File("""{"ResourceARN": null, "Tags": []}"""),
        File("""{"Tags": []}"""),
        File($$"""{"ResourceARN": "{{Vpc}}"}"""),
        File($$"""{"ResourceARN": "{{Vpc}}", "Tags": null}"""),
        File("{\"ResourceARN\": \"" + Vpc + "\", \"Tags\": {\"Name\": \"web\"}}"),
        File($$"""{"ResourceARN": "{{Vpc}}", "ResourceARN": "{{Vpc}}", "Tags": []}"""),
        File($$"""{"resourcearn": "{{Vpc}}", "ResourceARN": "{{Vpc}}", "Tags": []}"""),
        File("{\"ResourceARN\": \"" + Vpc + "\", \"Tags\": [], \"ComplianceDetails\": {\"ComplianceStatus\": true}}"),
        File($$"""{"Resource\u0041RN": "{{Vpc}}", "Tags": []}"""),
        File(Mapping("arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-\u0031", "[]")),
        File(Mapping(Vpc, """[{"key": "a", "value": "1"}]""")),
        File(Mapping(Vpc, """[{"Key": "a", "Key": "b"}]""")),
        File(Mapping(Vpc, """[{"Key": "a", "Value": 1}]""")),
        File(Mapping(Vpc, """[{"Value": "1"}]""")),
        File(Mapping(Vpc, """[{"Key": null}]""")),
        File(Mapping(Vpc, """[{"Key": "a\"b", "Value": "\u00e9"}]""")),
        File(Mapping(Vpc, """[{"Key": "a", "Value": "1"}, "b"]""")),
        File(Mapping(Vpc, "[{\"Key\": \"" + new string('k', 63) + "\"}]")),
        File(Mapping(Vpc, "[{\"Key\": \"k\", \"Value\": \"" + new string('v', 65) + "\"}]")),
        File(Mapping(Vpc, "[]"), "7"),
        File(Mapping(Vpc, "[]")) + " x",
        File(Mapping(Vpc, "[]")).Replace("]}", "],}"),
        File(Mapping(Vpc, "[]"))[..^3],
        File(Mapping(Vpc, "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]")),
        """{"ResourceTagMappingList": [], "ResourceTagMappingList": []}""",
        """{"resourceTagMappingList": []}""",
        """{"ResourceTagMappingList": {}}""",
        """{"ResourceTagMappingList": [], "Other": [1]}""",
        """{"ResourceTagMappingList": [], "n": 1, "n": 2}""",
        "{\"status_code\": 200, \"data\": " + File(Mapping(Vpc, """[{"Key": "a", "Value": "1"}]""")) + "}",
        "[]",
        "",
        "{}",
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void APlainFileIsWalkedAndReadsAsItsDocument(string json)
    {
        Assert.NotNull(TaggingFileWalk.TryRead(Encoding.UTF8.GetBytes(json), Account, Limits, new SharedStrings()));
        AssertReadsAsItsDocument(json);
    }

    [Theory]
    [MemberData(nameof(Other))]
    public void AnyOtherFileReadsOrIsRefusedAsItsDocument(string json) => AssertReadsAsItsDocument(json);

    [Fact]
    public void RandomFilesReadAsTheirDocuments()
    {
        var random = new Random(19);
        string[] texts = ["a", "Name", "web", "é", "", "x y", "a\\\"b", "\\u0041", new string('v', 62), new string('v', 63)];
        string[] arns = [Vpc, "arn:aws:s3:::b", "arn:aws:ec2:eu-west-1:444455556666:vpc/v", " " + Vpc, "arn:aws", "arn:aws:iam::111122223333:role/r"];
        string Text() => texts[random.Next(texts.Length)];
        string Tag() => random.Next(12) switch
        {
            0 => $$"""{"Key": "{{Text()}}"}""",
            1 => $$"""{"Key": "{{Text()}}", "Value": null}""",
            2 => $$"""{"key": "{{Text()}}", "Value": "{{Text()}}"}""",
            3 => $$"""{"Key": "{{Text()}}", "Value": 3}""",
            4 => $$"""{"Value": "{{Text()}}", "Key": "{{Text()}}"}""",
            _ => $$"""{"Key": "{{Text()}}", "Value": "{{Text()}}"}""",
        };
        var walked = 0;
        for (var file = 0; file < 400; file++)
        {
            var mappings = Enumerable.Range(0, random.Next(4)).Select(_ =>
                Mapping(arns[random.Next(arns.Length)], "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => Tag())) + "]"));
            var json = File([.. mappings]);
            walked += TaggingFileWalk.TryRead(Encoding.UTF8.GetBytes(json), Account, Limits, null) is null ? 0 : 1;
            AssertReadsAsItsDocument(json);
        }
        // Both ways are met: the walk reads some files itself and leaves others.
        Assert.InRange(walked, 40, 360);
    }

    [Fact]
    public void AnAccountHoldsOneCopyOfEachTextItWalked()
    {
        var shared = new SharedStrings();
        var path = Write(File(Mapping(Vpc, """[{"Key": "owner", "Value": "team-a"}, {"Key": "backup", "Value": "team-a"}]""")));

        var first = TaggingFiles.Read(path, null, Account, Limits, shared).Single().Tags;
        var second = TaggingFiles.Read(path, null, Account, Limits, shared).Single().Tags;

        Assert.Same(first["owner"], first["backup"]);
        Assert.Same(first["owner"], second["owner"]);
        Assert.Same(shared.Of(new string("team-a".ToCharArray())), first["owner"]);
    }

    private void AssertReadsAsItsDocument(string json)
    {
        var path = Write(json);
        var expected = Outcome(() => TaggingFiles.ReadDocument(path, null, Account, Limits, new SharedStrings()));
        Assert.Equal(expected, Outcome(() => TaggingFiles.Read(path, null, Account, Limits, new SharedStrings())));
        Assert.Equal(expected, Outcome(() => TaggingFiles.Read(path, null, Account, Limits)));
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    /// <summary>The mappings as text (ARN, then each tag in the order the dictionary gives them), or the refusal.</summary>
    private static string Outcome(Func<List<(string Arn, IReadOnlyDictionary<string, string> Tags)>> read)
    {
        try
        {
            return string.Join("\n", read().Select(m => m.Arn + " " + string.Join(";", m.Tags.Select(t => $"{t.Key}={t.Value}"))));
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
