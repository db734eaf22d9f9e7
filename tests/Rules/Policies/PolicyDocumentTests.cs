using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class PolicyDocumentTests
{
    private const string Plain = """
        {"Version":"2012-10-17","Id":"p1","Statement":[
          {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::b/*"},
          {"Effect":"Deny","NotAction":"s3:*","NotResource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}
        """;

    [Fact]
    public void AnObjectWithAStatementListIsReadWithEveryElementAsAList()
    {
        var policy = PolicyDocument.Parse(Plain);

        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal("p1", policy.Id);
        Assert.Equal(2, policy.Statements.Count);
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], policy.Statements[0].Actions);
        Assert.Equal(["arn:aws:s3:::b/*"], policy.Statements[0].Resources);
        Assert.Equal(PolicyEffect.Deny, policy.Statements[1].Effect);
        Assert.Equal(["s3:*"], policy.Statements[1].NotActions);
        Assert.Equal(2, policy.Statements[1].NotResources.Count);
    }

    [Fact]
    public void AStatementGivenAsASingleObjectIsAStatementListOfOne()
    {
        var policy = PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""");

        Assert.Single(policy.Statements);
        Assert.Equal(["*"], policy.Statements[0].Actions);
    }

    [Fact]
    public void AJsonStringHoldingThePolicyIsReadLikeTheObject()
    {
        var asString = JsonSerializer.Serialize(Plain);

        var policy = PolicyDocument.Parse(JsonDocument.Parse(asString).RootElement);

        Assert.Equal(2, policy.Statements.Count);
    }

    [Fact]
    public void AUrlEncodedPolicyAsIamsQueryApiReturnsItIsDecoded()
    {
        var encoded = Uri.EscapeDataString(Plain);

        var policy = PolicyDocument.Parse(encoded);

        Assert.StartsWith("%7B", encoded, StringComparison.Ordinal);
        Assert.Equal("Read", policy.Statements[0].Sid);
    }

    [Fact]
    public void AListOfDocumentsAsInAwsConfigSampleItemsIsOnePolicyOfAllTheirStatements()
    {
        var policy = PolicyDocument.Parse($"[{Plain},{Plain}]");

        Assert.Equal(4, policy.Statements.Count);
        Assert.Equal([0, 1, 2, 3], policy.Statements.Select(s => s.Index));
    }

    [Fact]
    public void PrincipalStarMeansEveryoneAndPrincipalObjectsKeepTheirTypes()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage"},
              {"Effect":"Allow","Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:root"],"Service":"sns.amazonaws.com",
                "Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbaced"},"Action":"sqs:*"}]}
            """);

        Assert.True(Assert.Single(policy.Statements[0].Principals).IsEveryone);
        Assert.Equal(
            ["AWS 111111111111", "AWS arn:aws:iam::222222222222:root", "Service sns.amazonaws.com", "Federated cognito-identity.amazonaws.com", "CanonicalUser 79a59df900b949e55d96a1e698fbaced"],
            policy.Statements[1].Principals.Select(p => p.ToString()));
    }

    [Fact]
    public void ConditionsKeepTheirOperatorKeyAndValuesWithSetQualifiersAndIfExistsUnderstood()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{
              "ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a","b"]},
              "Bool":{"aws:SecureTransport":true},
              "NumericLessThan":{"s3:max-keys":10}}}}
            """);
        var conditions = policy.Statements[0].Conditions;

        Assert.Equal(ConditionSetOperator.ForAnyValue, conditions[0].Set);
        Assert.Equal("StringEquals", conditions[0].BaseOperator);
        Assert.True(conditions[0].IfExists);
        Assert.Equal(["a", "b"], conditions[0].Values);
        Assert.Equal(["true"], conditions[1].Values);
        Assert.Equal(["10"], conditions[2].Values);
        Assert.True(new PolicyCondition("StringNotEquals", "k", ["v"]).IsNegated);
    }

    [Fact]
    public void EachStatementKeepsItsRawJsonAndALabelNamingItsPolicy()
    {
        var policy = PolicyDocument.Parse(Plain, "managed policy reader");

        Assert.Contains("\"Sid\":\"Read\"", policy.Statements[0].Json, StringComparison.Ordinal);
        Assert.Equal("statement 'Read' of managed policy reader", policy.Statements[0].Label);
        Assert.Equal("statement #2 of managed policy reader", policy.Statements[1].Label);
    }

    [Fact]
    public void AResourcePolicyStatementWithoutResourceAppliesToTheResourceItIsOn()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}""");

        Assert.Equal(["*"], policy.Statements[0].Resources);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Statement":[{"Effect":"Maybe","Action":"*"}]}""")]
    [InlineData("""{"Statement":"nope"}""")]
    public void TextThatIsNotAPolicyIsRefusedWithAFormatException(string text)
    {
        Assert.Throws<FormatException>(() => PolicyDocument.Parse(text));
        Assert.False(PolicyDocument.TryParse(text, out _));
    }
}
