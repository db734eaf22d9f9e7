using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>The aws section of guardrails.yaml, endpoints and redaction: the small parts collection stands on.</summary>
public sealed class AwsSettingsTests
{
    private static GuardrailsConfig Load(string aws) => GuardrailsConfig.FromJson(JsonNode.Parse($$"""
        { "estate": { "customers": [ { "id": "acme", "accounts": ["111111111111"] } ], "regions": ["eu-west-1"] }, "aws": {{aws}} }
        """)!.AsObject(), "guardrails.yaml");

    [Fact]
    public void WithoutAnAwsSectionTheConservativeDefaultsApply()
    {
        var aws = Load("{}").Aws;
        Assert.Equal(AwsSettings.DefaultRoleName, aws.RoleName);
        Assert.Equal(AwsSettings.DefaultRequestsPerSecond, aws.RequestsPerSecond);
        Assert.Equal(AwsSettings.DefaultBurst, aws.Burst);
        Assert.Equal(AwsSettings.DefaultAccountConcurrency, aws.AccountConcurrency);
        Assert.Null(aws.Aggregator);
    }

    [Fact]
    public void EveryProblemOfTheAwsSectionIsListedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            { "roleName": "bad role", "externalIds": { "nobody": "x" }, "rateLimit": { "requestsPerSecond": 0 },
              "retry": { "maxAttempts": 99 }, "aggregator": { "name": "org", "accountId": "12" } }
            """));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.roleName:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.externalIds.nobody:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.rateLimit.requestsPerSecond:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.retry.maxAttempts:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.aggregator.accountId:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.aggregator.region:", StringComparison.Ordinal));
        Assert.Equal(6, error.Errors.Count);
    }

    [Fact]
    public void ACustomersOwnExternalIdWinsOverTheEstateWideOne()
    {
        var aws = Load("""{ "externalId": "estate-wide", "externalIds": { "acme": "acme-only" } }""").Aws;
        Assert.Equal("acme-only", aws.ExternalIdFor("acme"));
        Assert.Equal("estate-wide", aws.ExternalIdFor(null));
    }

    [Fact]
    public void AServicesOwnEndpointVariableWinsOverTheGeneralOneWhichWinsOverAws()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1/", ["AWS_ENDPOINT_URL_IAM"] = "http://127.0.0.1:2/" };
        var endpoints = new AwsEndpoints(environment.GetValueOrDefault);
        Assert.Equal("http://127.0.0.1:2/", endpoints.For(AwsService.Iam, "eu-west-1").ToString());
        Assert.Equal("http://127.0.0.1:1/", endpoints.For(AwsService.Config, "eu-west-1").ToString());
        var aws = new AwsEndpoints(_ => null);
        Assert.Equal("https://config.eu-west-1.amazonaws.com/", aws.For(AwsService.Config, "eu-west-1").ToString());
        Assert.Equal("https://iam.amazonaws.com/", aws.For(AwsService.Iam, "eu-west-1").ToString());
        Assert.Equal("https://servicequotas.cn-north-1.amazonaws.com.cn/", aws.For(AwsService.ServiceQuotas, "cn-north-1").ToString());
    }

    [Fact]
    public void AnAwsMessageQuotingTheCanonicalRequestLosesTheSessionTokenAndSecret()
    {
        var credentials = new SessionAWSCredentials("ASIAEXAMPLE", "secret-key-of-forty-characters-000000000", "session-token-that-must-never-be-logged");
        var message = "The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'x-amz-security-token:session-token-that-must-never-be-logged'";

        var redacted = CredentialRedaction.Redact(message + " secret-key-of-forty-characters-000000000", credentials);

        Assert.Equal("The request signature we calculated does not match.", redacted);
        Assert.DoesNotContain("session-token", CredentialRedaction.Redact("token session-token-that-must-never-be-logged", credentials), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", CredentialRedaction.Redact("key secret-key-of-forty-characters-000000000", credentials), StringComparison.Ordinal);
    }
}
