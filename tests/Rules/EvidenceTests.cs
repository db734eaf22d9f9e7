using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules;

public sealed class EvidenceTests
{
    private const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    private static readonly JsonNode Read = JsonNode.Parse("""{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders/*"}""")!;
    private static readonly JsonNode Admin = JsonNode.Parse("""{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}""")!;
    private static readonly JsonNode NoDelete = JsonNode.Parse("""{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}""")!;

    [Fact]
    public void AnAdminStatementsEvidenceIsThatStatementAsWrittenWithItsIndexAndSidNotTheFirstStatement()
    {
        var role = Role("app", Read, Admin, NoDelete);

        var result = Evaluate("iam-policy-no-admin-wildcard", role);

        Assert.Equal(Verdict.Fail, result.Verdict);
        var statement = Assert.Single(Statements(result));
        Assert.Equal(1, statement.GetProperty("index").GetInt32());
        Assert.Equal("Admin", statement.GetProperty("sid").GetString());
        Assert.Equal("inline policy app", statement.GetProperty("policy").GetString());
        Assert.True(JsonNode.DeepEquals(Admin, JsonNode.Parse(statement.GetProperty("statement").GetRawText())), statement.GetRawText());
    }

    [Fact]
    public void APrincipalsAdminAccessIsEvidencedByTheStatementThatGrantsIt()
    {
        var role = Role("ops", Read, Admin);

        var result = Evaluate("iam-principal-no-admin-access", role);

        Assert.Equal(Verdict.Fail, result.Verdict);
        var statement = Assert.Single(Statements(result));
        Assert.Equal(1, statement.GetProperty("index").GetInt32());
        Assert.Equal("Admin", statement.GetProperty("sid").GetString());
    }

    [Fact]
    public void AForeignGrantWithoutASidIsEvidencedByItsIndex()
    {
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                Read.DeepClone(),
                JsonNode.Parse("""{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders/*"}""")),
        };
        var bucket = Item($$$"""
            {"resourceType": "AWS::S3::Bucket", "resourceId": "acme-orders", "resourceName": "acme-orders", "ARN": "arn:aws:s3:::acme-orders",
             "awsAccountId": "111111111111", "awsRegion": "eu-west-1", "configuration": {},
             "supplementaryConfiguration": {"BucketPolicy": {"policyText": {{{JsonValue.Create(policy.ToJsonString())!.ToJsonString()}}} } } }
            """);

        var result = Evaluate("segregation-bucket-policy-no-foreign-access", bucket);

        Assert.Equal(Verdict.Fail, result.Verdict);
        var statement = Assert.Single(Statements(result));
        Assert.Equal(1, statement.GetProperty("index").GetInt32());
        Assert.False(statement.TryGetProperty("sid", out _));
        Assert.Contains("333333333333", statement.GetProperty("statement").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretLookingTagValueIsMaskedInEvidenceAndAMissingTagIsNull()
    {
        var bucket = Item($$$"""
            {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "ARN": "arn:aws:s3:::b", "awsAccountId": "111111111111", "awsRegion": "eu-west-1",
             "tags": {"owner": "{{{GitHubToken}}}", "db-password": "correct-horse-battery-staple", "environment": "prod"}}
            """);

        var json = Evidence.Tags(bucket, "owner", "db-password", "environment", "customer").ToJson()!;

        Assert.DoesNotContain(GitHubToken, json, StringComparison.Ordinal);
        Assert.DoesNotContain("correct-horse", json, StringComparison.Ordinal);
        var tags = JsonDocument.Parse(json).RootElement.GetProperty("tags");
        Assert.StartsWith("••••••", tags.GetProperty("owner").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("••••••", tags.GetProperty("db-password").GetString(), StringComparison.Ordinal);
        Assert.Equal("prod", tags.GetProperty("environment").GetString());
        Assert.Equal(JsonValueKind.Null, tags.GetProperty("customer").ValueKind);
    }

    [Fact]
    public void EvidenceKeepsAtMostMaxItemsOfAKindAndCountsTheRest()
    {
        var statements = Enumerable.Range(0, Evidence.MaxItems + 3).Select(i => new PolicyStatement { Effect = PolicyEffect.Allow, Index = i, Json = "{}" });

        var root = JsonDocument.Parse(Evidence.Of(statements).And("limit", 3).ToJson()!).RootElement;

        Assert.Equal(Evidence.MaxItems, root.GetProperty("statements").GetArrayLength());
        Assert.Equal(3, root.GetProperty("omitted").GetInt32());
        Assert.Equal(3, root.GetProperty("values").GetProperty("limit").GetDouble());
    }

    [Fact]
    public void AStatementWhoseTextIsNotJsonIsKeptAsText()
    {
        var statement = new PolicyStatement { Effect = PolicyEffect.Allow, Json = "not { json" };

        var root = JsonDocument.Parse(Evidence.Of([statement]).ToJson()!).RootElement;

        Assert.Equal("not { json", root.GetProperty("statements")[0].GetProperty("statement").GetString());
    }

    [Fact]
    public void AStatementTheReaderParsedIsMarkedValidAndWrittenAsTheDocumentHeldIt()
    {
        var fromText = PolicyDocument.Parse("""{"Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}""");
        var fromString = PolicyDocument.Parse(JsonDocument.Parse("""{"p": "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}"}""").RootElement.GetProperty("p"));

        foreach (var statement in fromText.Statements.Concat(fromString.Statements))
        {
            Assert.True(statement.JsonIsValid);
            var written = WrittenStatement(statement);
            Assert.Equal(JsonValueKind.Object, written.ValueKind);
            Assert.Equal(statement.Json, written.GetRawText());
        }
    }

    [Fact]
    public void AStatementOfADocumentParsedElsewhereIsCheckedAndWithACommentKeptAsText()
    {
        // A fixture's JSON may hold comments: its statements' text is then not JSON for whoever reads the findings.
        using var lenient = JsonDocument.Parse("""{"Statement": [{"Effect": "Allow", /* note */ "Action": "*", "Resource": "*"}]}""",
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var statement = Assert.Single(PolicyDocument.Parse(lenient.RootElement).Statements);

        Assert.False(statement.JsonIsValid);
        var written = WrittenStatement(statement);
        Assert.Equal(JsonValueKind.String, written.ValueKind);
        Assert.Equal(statement.Json, written.GetString());
    }

    [Fact]
    public void AFailWithEmptyEvidenceCarriesNone()
    {
        Assert.Null(Evidence.None.ToJson());
        Assert.True(Evidence.None.IsEmpty);
    }

    [Fact]
    public void ARuleCaseCanSayWhatItsEvidenceContains()
    {
        const string Fixture = """
            {"cases": [
              {"name": "right", "expect": "fail", "evidenceContains": "\"environment\":\"prod\"",
               "resource": {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "ARN": "arn:aws:s3:::b", "awsAccountId": "111111111111", "awsRegion": "eu-west-1", "tags": {"environment": "prod"}}},
              {"name": "wrong", "expect": "fail", "evidenceContains": "\"environment\":\"qa\"",
               "resource": {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "ARN": "arn:aws:s3:::b", "awsAccountId": "111111111111", "awsRegion": "eu-west-1", "tags": {"environment": "prod"}}}
            ]}
            """;

        var results = RuleFixtures.Run(Support.Catalog.Rules, "tagging-environment-allowed-values", Fixture);

        Assert.True(results[0].Passed, results[0].Problem);
        Assert.StartsWith("the evidence does not contain", results[1].Problem, StringComparison.Ordinal);
    }

    private static List<JsonElement> Statements(RuleResult result) =>
        [.. JsonDocument.Parse(result.Evidence!.ToJson()!).RootElement.GetProperty("statements").EnumerateArray()];

    private static RuleResult Evaluate(string ruleId, Resource resource)
    {
        var catalog = Support.Catalog.Rules;
        var evaluator = new Evaluator(catalog, RuleFixtures.DefaultEstate, new Inventory([resource]), _ => RuleParams.Empty, RuleFixtures.DefaultNow);
        return evaluator.Evaluate(catalog.Rules.ToList().FindIndex(r => r.Id == ruleId), resource);
    }

    private static Resource Role(string policyName, params JsonNode[] statements)
    {
        var document = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements.Select(s => s.DeepClone())]) };
        return Item($$$"""
            {"resourceType": "AWS::IAM::Role", "resourceId": "AROAAPP", "resourceName": "app", "ARN": "arn:aws:iam::111111111111:role/app",
             "awsAccountId": "111111111111", "awsRegion": "global",
             "configuration": {"RoleName": "app", "RolePolicyList": [{"PolicyName": "{{{policyName}}}", "PolicyDocument": {{{document.ToJsonString()}}} }]}}
            """);
    }

    private static Resource Item(string json) => ConfigurationItems.ToResource(JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>The statement as a finding's evidence JSON holds it.</summary>
    private static JsonElement WrittenStatement(PolicyStatement statement) =>
        JsonDocument.Parse(Evidence.Of([statement]).ToJson()!).RootElement.GetProperty("statements")[0].GetProperty("statement");
}
