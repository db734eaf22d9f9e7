using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>Small builders of test data.</summary>
internal static class Build
{
    public static Resource Resource(
        string type = "AWS::S3::Bucket",
        string accountId = "111111111111",
        string region = "eu-west-1",
        string name = "bucket-1",
        IReadOnlyDictionary<string, string>? tags = null,
        string configuration = "{}") => new()
    {
        Type = type,
        Arn = type == "AWS::S3::Bucket" ? $"arn:aws:s3:::{name}" : $"arn:aws:test:{region}:{accountId}:thing/{name}",
        Id = name,
        Name = name,
        AccountId = accountId,
        Region = region,
        Tags = tags ?? new Dictionary<string, string>(),
        Configuration = JsonDocument.Parse(configuration).RootElement.Clone(),
    };

    public const string Header = """
        // id: tagging-test-rule
        // title: Test resources carry an owner tag
        // severity: low
        // resource-types: *
        // remediation: Add the tag.

        """;
}
