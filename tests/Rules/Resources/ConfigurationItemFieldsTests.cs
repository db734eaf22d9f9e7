using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Resources;

/// <summary>
/// ConfigItemFields finds a configuration item's fields in one walk exactly as looking each up on its own
/// (JsonPath.TryGetProperty) finds it: the exact spelling wherever it stands, else the first in another case, and
/// names written with an escape as the lookup reads them. Every value in a case is distinct, so that which of two
/// spellings was found shows.
/// </summary>
public sealed class ConfigurationItemFieldsTests
{
    public static TheoryData<string> Items => new()
    {
        """{"resourceType": "t", "resourceId": "i", "awsAccountId": "a", "awsRegion": "r", "ARN": "arn1", "tags": {"k": "v"}, "configuration": {}, "supplementaryConfiguration": {}, "relationships": []}""",
        // Another case only; the exact spelling after or before another case; the first of two other cases.
        """{"RESOURCETYPE": "t1", "ResourceId": "i1", "resourceid": "i2", "ACCOUNTID": "a1", "Arn": "arn1"}""",
        """{"ResourceType": "t1", "resourceType": "t2", "resourceName": "n1", "RESOURCENAME": "n2"}""",
        // ARN and arn: each name's exact spelling, else the other as its other case.
        """{"arn": "lower", "ARN": "upper"}""",
        """{"arn": "lower"}""",
        """{"aRn": "mixed", "arn": "lower"}""",
        // awsAccountId and accountId are different names, not cases of one.
        """{"accountId": "a1", "AwsAccountId": "a2"}""",
        // A name written with an escape: looked up as the lookup reads it.
        """{"resource\u0054ype": "t1", "resourcetype": "t2", "resourceId": "i1"}""",
        """{"RESOURCEID": "i1", "resource\u0049d": "i2"}""",
        // Names that are not ASCII, or as long as a field's name but another.
        """{"résourceId": "i1", "resourceIdé": "i2", "resourceXd": "i3", "tagz": "t"}""",
        // The same exact name twice (a parse that allows it): the later, as JsonElement.TryGetProperty answers.
        """{"resourceId": "i1", "resourceId": "i2", "RESOURCEID": "i3"}""",
        """{"RESOURCEID": "i3", "RESOURCEId": "i4"}""",
        """{}""",
    };

    [Theory]
    [MemberData(nameof(Items))]
    public void EveryFieldIsFoundAsLookingItUpOnItsOwnFindsIt(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = true });
        var item = document.RootElement;

        var fields = ConfigItemFields.Of(item);

        for (var k = 0; k < ConfigItemFields.Names.Length; k++)
        {
            var expected = JsonPath.TryGetProperty(item, ConfigItemFields.Names[k], out var value) ? value.GetRawText() : null;
            Assert.Equal((ConfigItemFields.Names[k], expected), (ConfigItemFields.Names[k], fields[k]?.GetRawText()));
        }
    }

    [Fact]
    public void TheResourceIsReadFromTheFieldsFound()
    {
        using var document = JsonDocument.Parse("""
            {"RESOURCETYPE": "AWS::S3::Bucket", "resourceType": "AWS::SQS::Queue", "resourceId": "q", "resourceName": "Q",
             "accountId": "111111111111", "awsRegion": "eu-west-1", "arn": " arn:aws:sqs:eu-west-1:111111111111:q ",
             "Tags": {"team": "x"}, "configuration": {"a": 1}, "relationships": [{"name": "Is attached to", "resourceId": "b"}]}
            """);

        var resource = ConfigurationItems.ToResource(document.RootElement);

        Assert.Equal(("AWS::SQS::Queue", "q", "Q", "111111111111", "eu-west-1", "arn:aws:sqs:eu-west-1:111111111111:q"),
            (resource.Type, resource.Id, resource.Name, resource.AccountId, resource.Region, resource.Arn));
        Assert.Equal("x", resource.Tags["team"]);
        Assert.Equal(1, resource.Configuration.GetProperty("a").GetInt32());
        Assert.Equal("Is attached to", Assert.Single(resource.Relationships).Name);
    }

    [Fact]
    public void EachRelationshipIsReadAsLookingUpItsNamesOnItsOwnReadsIt()
    {
        // Exact spellings, other cases, relationshipName before name, a name with an escape, a value that is no text, no object.
        const string relationships = """
            [{"relationshipName": "Is attached to", "name": "n0", "resourceType": "AWS::EC2::Volume", "resourceId": "vol-1", "resourceName": "v"},
             {"name": "Contains", "RESOURCETYPE": "AWS::EC2::Instance", "ResourceId": "i-1", "resourceid": "i-2"},
             {"RelationshipName": "r1", "relationshipname": "r2", "resourceName": 5},
             {"relationship\u004eame": "escaped", "Name": "n1", "resource\u0049d": "x-1"},
             {"relationshipName": 7, "name": "fallback"},
             {},
             "not an object"]
            """;
        using var document = JsonDocument.Parse($$"""{"resourceType": "t", "resourceId": "i", "awsAccountId": "a", "relationships": {{relationships}}}""");

        var read = ConfigurationItems.ToResource(document.RootElement).Relationships;

        var expected = document.RootElement.GetProperty("relationships").EnumerateArray().Select(r => new Relationship(
            Text(r, "relationshipName") ?? Text(r, "name") ?? "", Text(r, "resourceType"), Text(r, "resourceId"), Text(r, "resourceName")));
        Assert.Equal(expected, read);
        Assert.Equal(new Relationship("escaped", null, "x-1", null), read[3]);
    }

    private static string? Text(JsonElement element, string name) =>
        JsonPath.TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
