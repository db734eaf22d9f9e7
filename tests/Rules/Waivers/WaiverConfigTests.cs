using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Waivers;

public sealed class WaiverConfigTests
{
    private static GuardrailsConfig Load(string extra)
    {
        using var estate = new TinyEstate { Extra = extra };
        estate.Write();
        return GuardrailsConfig.Load(estate.ConfigPath);
    }

    [Fact]
    public void AWaiverIsReadWithItsPatternsReasonOwnerAndExpiry()
    {
        var config = Load("""
            waivers:
              - rule: tagging-required-tags
                resource: "arn:aws:s3:::legacy-*"
                reason: Legacy buckets, deleted with the old platform in Q1
                owner: platform@acme.example
                expires: 2027-03-31
            """);

        var waiver = Assert.Single(config.Waivers);
        Assert.Equal("arn:aws:s3:::legacy-*", waiver.Resource);
        Assert.Null(waiver.Account);
        Assert.Equal(new DateOnly(2027, 3, 31), waiver.Expires);
        Assert.Equal("platform@acme.example", waiver.Owner);
    }

    [Fact]
    public void EveryMissingOrMalformedWaiverFieldIsListedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            waivers:
              - rule: tagging-required-tags
                account: "1111"
                reason: ""
                expires: next year
              - rule: Tagging Required
                resources: "arn:aws:s3:::x"
                owner: someone
                expires: 2027-01-01
            """));

        Assert.Contains("waivers[0].account: '1111' is not a 12-digit account id", error.Message);
        Assert.Contains("waivers[0].reason: missing", error.Message);
        Assert.Contains("waivers[0].owner: missing", error.Message);
        Assert.Contains("waivers[0].expires: 'next year' is not a date", error.Message);
        Assert.Contains("waivers[1].resources: unknown setting", error.Message);
        Assert.Contains("waivers[1].reason: missing", error.Message);
        Assert.Contains("waivers[1].rule: 'Tagging Required' is not a rule id", error.Message);
        Assert.Contains("waivers[1]: name an account or a resource pattern", error.Message);
        Assert.Equal(8, error.Errors.Count);
    }
}
