using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class BucketAclTests
{
    [Fact]
    public void AwsConfigsSampleBucketGrantsOnlyItsOwner()
    {
        var item = File.ReadAllText(Fixtures.Real("aws-config", "example-configuration-items", "AWS_S3_Bucket.json"));
        var bucket = ConfigurationItems.ToResource(JsonDocument.Parse(item).RootElement.Clone());

        var grant = Assert.Single(BucketAcl.Grants(bucket)!);

        Assert.Equal(GrantKind.Own, grant.Kind);
    }

    [Theory]
    [InlineData("\"AllUsers\"", GrantKind.Public)]
    [InlineData("\"AuthenticatedUsers\"", GrantKind.Public)]
    [InlineData("\"LogDelivery\"", GrantKind.Service)]
    [InlineData("{\"id\": \"other\", \"displayName\": null}", GrantKind.UnknownAccount)]
    [InlineData("{\"identifier\": \"someone@example.com\", \"typeIdentifier\": \"emailAddress\"}", GrantKind.UnknownAccount)]
    public void EachKindOfGranteeIsClassified(string grantee, GrantKind kind)
    {
        var acl = "{\"grantList\": [{\"grantee\": " + grantee + ", \"permission\": \"Read\"}], \"owner\": {\"id\": \"owner\"}}";

        Assert.Equal(kind, Assert.Single(BucketAcl.Grants(Bucket(JsonValue.Create(acl)))!).Kind);
    }

    [Fact]
    public void TheGetBucketAclShapeIsReadToo()
    {
        var acl = JsonNode.Parse("""{"Owner": {"ID": "owner"}, "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}, {"Grantee": {"Type": "CanonicalUser", "ID": "owner"}, "Permission": "FULL_CONTROL"}]}""");

        var grants = BucketAcl.Grants(Bucket(acl))!;

        Assert.Equal([GrantKind.Public, GrantKind.Own], grants.Select(g => g.Kind));
    }

    [Fact]
    public void ABucketWithoutARecordedAclHasNoGrantsRatherThanNone() => Assert.Null(BucketAcl.Grants(Bucket(null)));

    private static Resource Bucket(JsonNode? acl)
    {
        var supplementary = new JsonObject();
        if (acl is not null)
        {
            supplementary["AccessControlList"] = acl;
        }
        var item = new JsonObject
        {
            ["resourceType"] = "AWS::S3::Bucket", ["resourceId"] = "b", ["resourceName"] = "b", ["ARN"] = "arn:aws:s3:::b",
            ["awsAccountId"] = "111111111111", ["awsRegion"] = "eu-west-1", ["configuration"] = new JsonObject(), ["supplementaryConfiguration"] = supplementary,
        };
        return ConfigurationItems.ToResource(JsonDocument.Parse(item.ToJsonString()).RootElement.Clone());
    }
}
