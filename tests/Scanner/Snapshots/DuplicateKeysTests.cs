using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>DuplicateKeys refuses exactly what JsonDocument's own duplicate check refuses, with its words.</summary>
public sealed class DuplicateKeysTests
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 256, AllowDuplicateProperties = false };

    public static TheoryData<string> Duplicated => new()
    {
        """{"awsAccountId": "111111111111", "awsAccountId": "222222222222"}""",
        """{"configuration": {"a": 1, "b": {"c": [{"d": 1, "d": 2}]}}}""",
        // The same key spelled with an escape: equal once read, though its bytes differ.
        """{"awsAccountId": "111111111111", "aws\u0041ccountId": "222222222222"}""",
        """[{"x": 1}, {"y": 1, "z": 2, "y": 3}]""",
        "{" + string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"\"k{i}\": {i}")) + ", \"k4999\": 0}",
        // A few keys (compared pair by pair) and one more than that (sorted): the first key again last.
        "{" + string.Join(", ", Enumerable.Range(0, 7).Select(i => $"\"k{i}\": {i}")) + ", \"k0\": 0}",
        "{" + string.Join(", ", Enumerable.Range(0, 8).Select(i => $"\"k{i}\": {i}")) + ", \"k0\": 0}",
        // A backslash in a value only, the duplicate written plainly.
        """{"policy": "{\"a\": 1}", "b": 1, "policy": "x"}""",
    };

    public static TheoryData<string> Distinct => new()
    {
        """{"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]}""",
        // Escaped, and not a duplicate once read: JsonDocument's own check answers.
        """{"a\u0062": 1, "ab\u0063": 2}""",
        "{" + string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"\"k{i}\": {{\"k{i}\": {i}}}")) + "}",
        """{"": 1, "a": [], "b": {}}""",
        "{" + string.Join(", ", Enumerable.Range(0, 8).Select(i => $"\"k{i}\": {i}")) + "}",
    };

    [Theory]
    [MemberData(nameof(Duplicated))]
    public void ADuplicateKeyIsRefusedInJsonDocumentsOwnWords(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes, Strict));

        var refused = Assert.ThrowsAny<JsonException>(() => DuplicateKeys.Parse(bytes, Strict));

        Assert.Equal(expected.Message, refused.Message);
    }

    [Theory]
    [MemberData(nameof(Distinct))]
    public void DistinctKeysAreReadAsJsonDocumentReadsThem(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var expected = JsonDocument.Parse(bytes, Strict);

        using var read = DuplicateKeys.Parse(bytes, Strict);

        Assert.Equal(expected.RootElement.GetRawText(), read.RootElement.GetRawText());
    }
}
