using System.Text.Json;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Quotas;

public sealed class ServiceQuotaTests
{
    /// <summary>A quota configuration item as the scanner writes it; value, adjustable and usage are raw JSON.</summary>
    private static Resource Quota(string value = "5.0", string adjustable = "true", string? usage = """{"value": 4, "source": "4 AWS::EC2::VPC in eu-west-1"}""",
        string code = "L-F678F1CE", string arn = "arn:aws:servicequotas:eu-west-1:111111111111:vpc/L-F678F1CE")
    {
        var supplementary = usage is null ? "" : $$""", "supplementaryConfiguration": {"Usage": {{usage}}}""";
        var json = $$"""
            {"resourceType": "AWS::ServiceQuotas::Quota", "resourceId": "vpc/{{code}}", "ARN": "{{arn}}",
             "awsAccountId": "111111111111", "awsRegion": "eu-west-1",
             "configuration": {"ServiceCode": "vpc", "QuotaCode": "{{code}}", "QuotaName": "VPCs per Region",
                               "Value": {{value}}, "Adjustable": {{adjustable}}}{{supplementary}}}
            """;
        return ConfigurationItems.ToResource(JsonDocument.Parse(json).RootElement);
    }

    [Theory]
    [InlineData("5.0", 5.0)]
    [InlineData("\"5\"", 5.0)]
    [InlineData("\" 12.5 \"", 12.5)]
    public void TheValueIsReadAsANumberOrANumericString(string json, double expected) =>
        Assert.Equal(expected, ServiceQuota.Value(Quota(value: json)));

    [Theory]
    [InlineData("null")]
    [InlineData("\"unlimited\"")]
    [InlineData("\"NaN\"")]
    public void AValueThatIsNotANumberIsNull(string json) =>
        Assert.Null(ServiceQuota.Value(Quota(value: json)));

    [Theory]
    [InlineData("""{"value": 4, "source": "x"}""", 4.0)]
    [InlineData("""{"value": "4"}""", 4.0)]
    [InlineData("7", 7.0)]
    public void TheUsageIsReadFromTheSupplementaryConfiguration(string json, double expected) =>
        Assert.Equal(expected, ServiceQuota.Usage(Quota(usage: json)));

    [Fact]
    public void AnAbsentUsageIsUnknownNotZero()
    {
        Assert.Null(ServiceQuota.Usage(Quota(usage: null)));
        Assert.Null(ServiceQuota.Usage(Quota(usage: """{"source": "not counted"}""")));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("null", null)]
    [InlineData("\"maybe\"", null)]
    public void AdjustableIsReadAsABooleanOrABooleanString(string json, bool? expected) =>
        Assert.Equal(expected, ServiceQuota.Adjustable(Quota(adjustable: json)));

    [Fact]
    public void TheUsageSourceSaysHowTheUsageWasCounted()
    {
        Assert.Equal("4 AWS::EC2::VPC in eu-west-1", ServiceQuota.UsageSource(Quota()));
        Assert.Equal("", ServiceQuota.UsageSource(Quota(usage: null)));
    }

    [Fact]
    public void AQuotaIsDescribedByServiceCodeAndName() =>
        Assert.Equal("vpc L-F678F1CE \"VPCs per Region\"", ServiceQuota.Describe(Quota()));

    [Fact]
    public void TheCodesComeFromTheArnWhenTheConfigurationLacksThem()
    {
        var bare = ConfigurationItems.ToResource(JsonDocument.Parse("""
            {"resourceType": "AWS::ServiceQuotas::Quota", "resourceId": "x", "ARN": "arn:aws:servicequotas:eu-west-1:111111111111:ec2/L-0263D0A3",
             "awsAccountId": "111111111111", "configuration": {"Value": 5}}
            """).RootElement);

        Assert.Equal("ec2", ServiceQuota.ServiceCode(bare));
        Assert.Equal("L-0263D0A3", ServiceQuota.Code(bare));
    }

    [Theory]
    [InlineData(4, 0.8, 5, true)]
    [InlineData(3, 0.6, 5, true)]
    [InlineData(9, 0.9, 10, true)]
    [InlineData(7, 0.7, 10, true)]
    [InlineData(3, 0.8, 5, false)]
    [InlineData(0, 0.8, 0, true)]
    [InlineData(799, 0.8, 1000, false)]
    public void ReachesIsExactAtTheBoundaryDespiteBinaryFractions(double usage, double fraction, double value, bool expected) =>
        Assert.Equal(expected, ServiceQuota.Reaches(usage, fraction, value));

    [Fact]
    public void AnUnknownUsageExplainsWhetherTheScannerCountsTheQuota()
    {
        Assert.Contains("check that AWS::EC2::VPC was collected", ServiceQuota.WhyUsageUnknown(Quota(usage: null)));
        Assert.Contains("cannot count its usage", ServiceQuota.WhyUsageUnknown(Quota(usage: null, code: "L-B97207D0")));
    }

    [Fact]
    public void TheIncreaseCommandAsksForTwiceTheLargerOfValueAndUsageInTheQuotasRegion() =>
        Assert.Equal(
            "aws service-quotas request-service-quota-increase --region eu-west-1 --service-code vpc --quota-code L-F678F1CE --desired-value 10",
            ServiceQuota.IncreaseCommand(Quota()));

    [Fact]
    public void TheIncreaseCommandTakesAnExplicitDesiredValue() =>
        Assert.EndsWith("--desired-value 8", ServiceQuota.IncreaseCommand(Quota(), 7.5));
}
