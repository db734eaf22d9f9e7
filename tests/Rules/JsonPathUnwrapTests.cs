using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules;

/// <summary>
/// A policy kept as a JSON string (a topic's, a queue's, a bucket's) is parsed from the string's own bytes: it must
/// answer exactly as parsing the string's text with JsonDocument did, for well-formed and hostile texts alike.
/// </summary>
public sealed class JsonPathUnwrapTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Own","Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"*","Condition":{"StringEquals":{"AWS:SourceOwner":"111111111111"}}}]}""";

    public static TheoryData<string> Strings => new()
    {
        // Each is the JSON string token as a snapshot holds it.
        JsonSerializer.Serialize(Policy),
        JsonSerializer.Serialize(Policy.Replace("\"Own\"", $"\"{new string('x', 300)}\"", StringComparison.Ordinal)),
        JsonSerializer.Serialize("[1, 2, {\"a\": [true, null]}]"),
        JsonSerializer.Serialize("{\"a\": 1}   \n"),
        "\"\\u007b\\\"a\\\": 1}\"",
        JsonSerializer.Serialize(" {\"a\": 1}"),
        JsonSerializer.Serialize("{\"a\": 1} trailing"),
        JsonSerializer.Serialize("{\"a\": 1}{\"b\": 2}"),
        JsonSerializer.Serialize("{\"a\": 1 /* a comment */}"),
        JsonSerializer.Serialize("{\"a\": 1,}"),
        JsonSerializer.Serialize("{\"a\":"),
        JsonSerializer.Serialize("{"),
        JsonSerializer.Serialize("["),
        JsonSerializer.Serialize("plain text"),
        JsonSerializer.Serialize(""),
        JsonSerializer.Serialize("{\"é\": \"ünïcödé ☃\"}"),
        JsonSerializer.Serialize(new string('[', 70) + new string(']', 70)),
        "\"{\\\"a\\\": \\\"\\\\ud800\\\"}\"",
        "\"{\\\"a\\\": \\\"\\ud800\\\"}\"",
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void AStringIsUnwrappedAsParsingItsTextWould(string token)
    {
        using var document = JsonDocument.Parse(token);
        var element = document.RootElement;

        var expected = Outcome(() => TextParsed(element));
        var actual = Outcome(() => JsonPath.Unwrap(element));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void APolicyStringBecomesItsObjectAndATextWithTrailingJunkStaysAString()
    {
        using var policy = JsonDocument.Parse(JsonSerializer.Serialize(Policy));
        using var junk = JsonDocument.Parse(JsonSerializer.Serialize(Policy + " junk"));

        var unwrapped = JsonPath.Unwrap(policy.RootElement);

        Assert.Equal(JsonValueKind.Object, unwrapped.ValueKind);
        Assert.Equal("Own", unwrapped.GetProperty("Statement")[0].GetProperty("Sid").GetString());
        Assert.Equal(JsonValueKind.String, JsonPath.Unwrap(junk.RootElement).ValueKind);
    }

    /// <summary>What reading the element gave before: its text, parsed by JsonDocument when it starts as JSON does.</summary>
    private static JsonElement TextParsed(JsonElement element)
    {
        var text = element.GetString();
        if (text is { Length: > 1 } && (text[0] == '{' || text[0] == '['))
        {
            try
            {
                return JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                return element;
            }
        }
        return element;
    }

    private static string Outcome(Func<JsonElement> unwrap)
    {
        try
        {
            var element = unwrap();
            return $"{element.ValueKind}: {element.GetRawText()}";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
