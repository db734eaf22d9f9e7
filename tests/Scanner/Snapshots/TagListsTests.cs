using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// TagLists reads a Tagging API mapping's tags in one pass exactly as checking them (Attribution.CheckTags) and then
/// reading them (ConfigurationItems.Tags) did: the same tags, or the same refusal in the same words.
/// </summary>
public sealed class TagListsTests
{
    private static readonly InputLimits Limits = new() { MaxTagLength = 256 };

    public static TheoryData<string> Tags => new()
    {
        """[{"Key": "Name", "Value": "web"}, {"Key": "owner", "Value": "a@example.com"}]""",
        // Spelled in other cases; the exact spelling wins wherever it stands, else the first in another case.
        """[{"key": "a", "value": "1"}, {"KEY": "b", "VALUE": "2"}, {"Value": "3", "Key": "c", "key": "d"}]""",
        """[{"Key": "a", "kEy": "b", "Value": "1", "vALUE": "2"}]""",
        // No value, or null: an empty value. The same key twice: the later wins.
        """[{"Key": "a"}, {"Key": "b", "Value": null}, {"Key": "a", "Value": "x"}]""",
        // Escapes in a name or a value, and text that is not ASCII: read as before.
        """[{"K\u0065y": "a", "Value": "1"}, {"Key": "b\"q", "Value": "\u00e9t\u00e9"}, {"Key": "é", "Value": "ü"}]""",
        """[]""",
        """{"Name": "web", "n": 1}""",
        // As a JSON string holding the list.
        "\"[{\\\"Key\\\": \\\"a\\\", \\\"Value\\\": \\\"1\\\"}]\"",
        "null",
        // Refused: the same words either way.
        """[{"Key": "a", "Value": 1}]""",
        """[{"Value": "1"}]""",
        """[{"Key": null, "Value": "1"}]""",
        """[{"Key": "a", "Value": "1"}, "b"]""",
        """[{"Key": 7}]""",
        """[{"Key": "a", "Value": "\ud800"}]""",
        """{"a": [1]}""",
        "7",
        "[{\"Key\": \"" + new string('k', 255) + "\", \"Value\": \"v\"}]",
        "[{\"Key\": \"k\", \"Value\": \"" + new string('v', 257) + "\"}]",
        "[{\"Key\": \"k\", \"Value\": \"" + new string('v', 256) + "\"}]",
    };

    [Theory]
    [MemberData(nameof(Tags))]
    public void TagsAreReadAndRefusedAsCheckingThenReadingThemDid(string json)
    {
        using var document = JsonDocument.Parse($$"""{"Tags": {{json}}}""");
        var tags = JsonPath.Find(document.RootElement, "Tags");
        var (expected, expectedError) = Outcome(() =>
        {
            Attribution.CheckTags(tags, "file.json: ResourceTagMappingList[0]", Limits);
            return ConfigurationItems.Tags(tags);
        });

        var (read, error) = Outcome(() => TagLists.Read(tags, "file.json: ResourceTagMappingList[0]", Limits, null));
        var (shared, sharedError) = Outcome(() => TagLists.Read(tags, "file.json: ResourceTagMappingList[0]", Limits, new SharedStrings()));

        Assert.Equal(expectedError, error);
        Assert.Equal(expectedError, sharedError);
        Assert.Equal(expected?.OrderBy(t => t.Key, StringComparer.Ordinal), read?.OrderBy(t => t.Key, StringComparer.Ordinal));
        Assert.Equal(expected?.OrderBy(t => t.Key, StringComparer.Ordinal), shared?.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void AnAccountHoldsOneCopyOfEachText()
    {
        using var document = JsonDocument.Parse("""[{"Key": "owner", "Value": "team-a"}, {"Key": "backup", "Value": "team-a"}]""");
        var shared = new SharedStrings();

        var first = TagLists.Read(document.RootElement, "a", Limits, shared);
        var second = TagLists.Read(document.RootElement, "b", Limits, shared);

        Assert.Same(first["owner"], first["backup"]);
        Assert.Same(first["owner"], second["owner"]);
        Assert.Same(first.Keys.First(), second.Keys.First());
        Assert.Same(shared.Of(new string("team-a".ToCharArray())), first["owner"]);
    }

    private static (IReadOnlyDictionary<string, string>? Tags, string? Error) Outcome(Func<IReadOnlyDictionary<string, string>> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
