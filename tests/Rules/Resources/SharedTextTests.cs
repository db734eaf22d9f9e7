using System.Text.Encodings.Web;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Resources;

/// <summary>
/// SharedText gives each short text as the string the JSON reads as, one copy of it (found by its bytes once met twice), and never another text's copy: many texts alike in their first and last bytes and their
/// length, which share a place among the texts found by their bytes, each read as itself.
/// </summary>
public sealed class SharedTextTests
{
    // Non-ASCII written as it is, not as \u escapes (a text with an escape is read as usual, not held).
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void ReadsEachTextAsItselfAndKeepsOneCopy()
    {
        var texts = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            // Same first and last eight bytes and length, another middle; short ones; non-ASCII.
            texts.Add($"prefix-a{i:D6}-suffix-");
            texts.Add($"{i % 97}");
            texts.Add($"é{i % 50}ü");
        }
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in texts)
            {
                using var document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { [text] = text }, Unescaped));
                var property = document.RootElement.EnumerateObject().Single();
                var value = SharedText.Of(property.Value);
                var name = SharedText.NameOf(property);
                Assert.Equal(text, value);
                Assert.Equal(text, name);
                // Met again at once (a thread's held texts are let go when full, so only then is one copy certain).
                Assert.Same(value, SharedText.Of(property.Value));
                Assert.Same(value, SharedText.NameOf(property));
            }
        }
    }

    [Fact]
    public void ReadsLongTextsAndEscapesAsTheyAre()
    {
        using var document = JsonDocument.Parse("""{"a\u0062c": "x\"y", "long": "%%"}""".Replace("%%", new string('z', 200), StringComparison.Ordinal));
        var properties = document.RootElement.EnumerateObject().ToList();
        Assert.Equal("abc", SharedText.NameOf(properties[0]));
        Assert.Equal("x\"y", SharedText.Of(properties[0].Value));
        Assert.Equal(new string('z', 200), SharedText.Of(properties[1].Value));
    }
}
