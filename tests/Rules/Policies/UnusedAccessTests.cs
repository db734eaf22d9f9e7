using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// A principal's service-last-accessed entries: a recently used service is passed over without its texts being made,
/// so an escaped, long or unreadable date must still be read as the string it stands for.
/// </summary>
public sealed class UnusedAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // s3 used 10 days ago (its Z escaped as JSON allows), ec2 200 days ago, iam never, sqs with a date no one can read,
    // sns used 5 days ago written with a long offset form, and an entry without a namespace (not a service).
    private const string Services = """
        [
          {"ServiceName": "Amazon S3", "ServiceNamespace": "s3", "LastAuthenticated": "2026-11-21T00:00:00\u005A"},
          {"ServiceName": "Amazon EC2", "ServiceNamespace": "ec2", "LastAuthenticated": "2026-05-15T00:00:00Z"},
          {"ServiceName": "AWS Identity and Access Management", "ServiceNamespace": "iam"},
          {"ServiceName": "Amazon SQS", "ServiceNamespace": "sqs", "LastAuthenticated": "not a date, and longer than sixty-four characters so read as a string"},
          {"ServiceName": "Amazon SNS", "ServiceNamespace": "sns", "LastAuthenticated": "2026-11-26T01:00:00.0000000+01:00"},
          {"ServiceName": "no namespace", "LastAuthenticated": "2020-01-01T00:00:00Z"}
        ]
        """;

    [Fact]
    public void EveryListedServiceIsReadWithItsDateHoweverTheDateIsWritten()
    {
        var services = UnusedAccess.ServicesOf(Role(Services))!;

        Assert.Equal(["s3", "ec2", "iam", "sqs", "sns"], services.Select(s => s.Namespace));
        Assert.Equal("Amazon S3", services[0].Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), services[0].LastAuthenticated);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 0, 0, 0, TimeSpan.Zero), services[1].LastAuthenticated);
        Assert.Null(services[2].LastAuthenticated);
        Assert.Null(services[3].LastAuthenticated);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), services[4].LastAuthenticated);
    }

    [Fact]
    public void OnlyServicesNotUsedWithinTheLimitAreUnusedEachWithItsNameAndDate()
    {
        var unused = UnusedAccess.UnusedServices(Role(Services), Inventory.Empty, Now, days: 90)!;

        Assert.Equal(["ec2", "iam", "sqs"], unused.Select(u => u.Service.Namespace));
        Assert.Equal(["Amazon EC2", "AWS Identity and Access Management", "Amazon SQS"], unused.Select(u => u.Service.Name));
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 0, 0, 0, TimeSpan.Zero), unused[0].Service.LastAuthenticated);
    }

    [Theory]
    [InlineData("2026-10-23T23:00:00Z")]
    [InlineData("2026-10-23T23:00:00+00:00")]
    [InlineData("2026-10-23T23:00:00\\u002B00:00")]
    [InlineData("2026-10-23T23:00:00-05:30")]
    [InlineData("2026-10-23T23:00:00+14:00")]
    [InlineData("2026-10-23T23:00:00+14:30")]
    [InlineData("2026-10-23T23:00:00+05:60")]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2023-02-29T12:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-10T00:00:00Z")]
    [InlineData("2026-10-23T24:00:00Z")]
    [InlineData("2026-10-23T23:60:00Z")]
    [InlineData("2026-10-23T23:00:60Z")]
    [InlineData("2026-10-23T23:00:00.123Z")]
    [InlineData("2026-10-23 23:00:00Z")]
    [InlineData("2026-10-23t23:00:00z")]
    [InlineData("2026-10-23T23:00:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:00:00-01:00")]
    [InlineData("+026-10-23T23:00:00Z")]
    [InlineData("2026-1a-23T23:00:00Z")]
    [InlineData("2026-10-23T23:00:00Y")]
    [InlineData("2026-10-23T23:00:00*05:00")]
    public void ADateReadsAsTheGeneralParserReadsIt(string written)
    {
        var json = JsonDocument.Parse($"\"{written}\"").RootElement;
        DateTimeOffset? expected = DateTimeOffset.TryParse(json.GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

        var read = UnusedAccess.Date(json);

        // The same instant and the same offset (a report prints the date in its offset).
        Assert.Equal(expected, read);
        Assert.Equal(expected?.Offset, read?.Offset);
    }

    [Fact]
    public void APrincipalWhoseDataWasNotCollectedHasNoAnswer() =>
        Assert.Null(UnusedAccess.UnusedServices(Role(null), Inventory.Empty, Now, days: 90));

    private static Resource Role(string? services)
    {
        var supplementary = services is null ? "{}" : $$$"""{"ServiceLastAccessed": {"ServicesLastAccessed": {{{services}}}}}""";
        var item = $$"""
            {"resourceType": "AWS::IAM::Role", "resourceId": "r", "resourceName": "r", "ARN": "arn:aws:iam::111111111111:role/r",
             "awsAccountId": "111111111111", "awsRegion": "global", "configuration": {}, "supplementaryConfiguration": {{supplementary}}}
            """;
        return ConfigurationItems.ToResource(JsonDocument.Parse(item).RootElement.Clone());
    }
}
