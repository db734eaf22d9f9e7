using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Resources;

/// <summary>
/// A resource made by ConfigurationItems.ToOwnResource keeps its configuration as text, parsed when first read: while
/// its item is parsed it reads the item's own document, after it reads the same JSON from its text (the item's document
/// disposed), from any thread at once, one document for all of them and for its copies; and what is not an object or a
/// list (a configuration given as a JSON string) reads exactly as ToResource reads it.
/// </summary>
public sealed class ConfigurationTextTests
{
    private const string Configuration = """{"name": "b", "Policy": "{\"Statement\": []}", "nested": [{"a": {"b": [1, 2.50, true, null]}}], "é": "\u00e9"}""";

    private static string ItemWith(string configuration) =>
        $$"""{"resourceType": "AWS::S3::Bucket", "resourceId": "b", "awsAccountId": "111111111111", "awsRegion": "eu-west-1", "configuration": {{configuration}}}""";

    private static (Resource Resource, T Answer) Own<T>(string item, Func<Resource, T> whileParsed, int maxDepth = 64, ConfigurationReads? reads = null)
    {
        using var document = JsonDocument.Parse(item, new JsonDocumentOptions { MaxDepth = maxDepth });
        var resource = ConfigurationItems.ToOwnResource(ConfigItemFields.Of(document.RootElement), maxDepth, reads ?? ConfigurationReads.None, whileParsed, out var answer);
        return (resource, answer);
    }

    // A type a rule judges (or every type, for a rule of "*") has its configuration copied parsed, never kept as text: a
    // configuration a rule reads is parsed once. The answer while parsed, and after, is the same JSON either way.
    [Theory]
    [InlineData("AWS::S3::Bucket", false)]
    [InlineData("AWS::SQS::Queue", true)]
    [InlineData("*", false)]
    public void OnlyATypeNoRuleJudgesKeepsItsText(string judged, bool keepsText)
    {
        var reads = ConfigurationReads.Judged([["AWS::IAM::Role", judged], ["AWS::EC2::VPC"]]);

        var (resource, whileParsed) = Own(ItemWith(Configuration), r => r.Configuration.GetRawText(), reads: reads);

        Assert.Equal(keepsText, resource.ConfigurationText is not null);
        Assert.Equal(Configuration, whileParsed);
        Assert.Equal(Configuration, resource.Configuration.GetRawText());
        Assert.Equal("{\"Statement\": []}", resource.ConfigString("Policy"));
    }

    [Fact]
    public void ReadsTheItemsDocumentWhileParsedThenTheSameJsonFromItsText()
    {
        var (resource, whileParsed) = Own(ItemWith(Configuration), r => (r.Configuration.GetRawText(), r.ConfigString("nested")));

        Assert.Equal(Configuration, whileParsed.Item1);
        Assert.Equal(Configuration, resource.Configuration.GetRawText());
        Assert.Equal(JsonValueKind.Object, resource.Configuration.ValueKind);
        Assert.Equal("{\"Statement\": []}", resource.ConfigString("Policy"));
        Assert.Equal(2.5, resource.Config("nested")!.Value[0].GetProperty("a").GetProperty("b")[1].GetDouble());
        Assert.Equal("é", resource.ConfigString("é"));
    }

    [Fact]
    public void ThreadsReadingItFirstAtOnceReadOneDocument()
    {
        for (var round = 0; round < 20; round++)
        {
            var (resource, _) = Own(ItemWith(Configuration), _ => 0);
            var copy = resource with { Name = "copy" };
            using var start = new Barrier(8);
            var read = new JsonElement[8];
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                start.SignalAndWait();
                read[i] = (i % 2 == 0 ? resource : copy).Configuration;
            });

            // A JsonElement equals another exactly when both are the same value of the same document.
            Assert.All(read, element => Assert.Equal(read[0], element));
            Assert.Equal(read[0], resource.Configuration);
            Assert.Equal(Configuration, read[0].GetRawText());
        }
    }

    [Fact]
    public void ItsTextIsParsedToTheItemsDepth()
    {
        // The item is 4 levels deep (itself, configuration, a, b), parsed with a limit of 4: its configuration, 3 levels,
        // is parsed again within the item's limit.
        var (resource, _) = Own(ItemWith("""{"a": {"b": {}}}"""), _ => 0, maxDepth: 4);

        Assert.Equal("""{"b": {}}""", resource.Config("a")!.Value.GetRawText());
    }

    [Theory]
    [InlineData("[1, {\"a\": 2}]")]
    [InlineData("\"{\\\"name\\\": \\\"b\\\"}\"")]
    [InlineData("null")]
    [InlineData("7")]
    public void ReadsAsToResourceReadsIt(string configuration)
    {
        using var document = JsonDocument.Parse(ItemWith(configuration));
        var expected = ConfigurationItems.ToResource(document.RootElement).Configuration;

        var (resource, _) = Own(ItemWith(configuration), _ => 0);

        Assert.Equal(expected.ValueKind, resource.Configuration.ValueKind);
        Assert.Equal(expected.GetRawText(), resource.Configuration.GetRawText());
    }

    [Fact]
    public void AnItemWithoutAConfigurationHasNone()
    {
        var (resource, _) = Own("""{"resourceType": "AWS::S3::Bucket", "resourceId": "b", "awsAccountId": "111111111111"}""", _ => 0);

        Assert.Equal(JsonValueKind.Undefined, resource.Configuration.ValueKind);
        Assert.Null(resource.Config("name"));
    }
}
