using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>aws.serviceLastAccessed in guardrails.yaml: off by default, every mistake listed at once.</summary>
public sealed class ServiceLastAccessSettingsTests
{
    private static GuardrailsConfig Load(string lastAccessed) => GuardrailsConfig.FromJson(JsonNode.Parse($$"""
        { "estate": { "customers": [ { "id": "acme", "accounts": ["111111111111"] } ], "regions": ["eu-west-1"] }, "aws": { "serviceLastAccessed": {{lastAccessed}} } }
        """)!.AsObject(), "guardrails.yaml");

    [Fact]
    public void WithoutTheSectionNoJobIsStarted()
    {
        var settings = GuardrailsConfig.FromJson(JsonNode.Parse("""{ "estate": { "customers": [ { "id": "acme", "accounts": ["111111111111"] } ], "regions": ["eu-west-1"] } }""")!.AsObject(), "guardrails.yaml").Aws.ServiceLastAccessed;
        Assert.False(settings.Enabled);
        Assert.Equal(ServiceLastAccessSettings.DefaultJobsPerSecond, settings.JobsPerSecond);
        Assert.Equal(ServiceLastAccessSettings.DefaultJobTimeout, settings.JobTimeout);
    }

    [Fact]
    public void EnabledWithItsOwnRateAndBounds()
    {
        var settings = Load("""{ "enabled": true, "jobsPerSecond": 0.2, "jobTimeoutSeconds": 300, "pollIntervalSeconds": 5 }""").Aws.ServiceLastAccessed;
        Assert.True(settings.Enabled);
        Assert.Equal(0.2, settings.JobsPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.JobTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.PollInterval);
    }

    [Fact]
    public void EveryMistakeIsListedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""{ "enabled": "yes", "jobsPerSecond": 0, "jobTimeoutSeconds": 2, "pollIntervalSeconds": 10, "timeout": 1 }"""));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.serviceLastAccessed.enabled: 'yes' must be true or false", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.serviceLastAccessed.jobsPerSecond:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.serviceLastAccessed.pollIntervalSeconds: must not be more than jobTimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("aws.serviceLastAccessed.timeout: unknown setting", StringComparison.Ordinal));
        Assert.Equal(4, error.Errors.Count);
    }

    [Fact]
    public void ASectionThatIsNotAMappingIsAMistake()
    {
        var error = Assert.Throws<ConfigException>(() => Load("true"));
        Assert.Equal(["aws.serviceLastAccessed: must be a mapping (enabled, jobsPerSecond, jobTimeoutSeconds, pollIntervalSeconds)"], error.Errors);
    }
}
