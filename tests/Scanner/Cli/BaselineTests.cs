using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>A baseline accepts today's findings so that --fail-on fails only on what is new, for check and scan alike.</summary>
public sealed class BaselineTests
{
    private const string OpenTopic = """
        Resources:
          OpenTopic:
            Type: AWS::SNS::Topic
          OpenTopicPolicy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics: [!Ref OpenTopic]
              PolicyDocument:
                Statement: [{ Effect: Allow, Principal: '*', Action: 'sns:Publish', Resource: '*' }]
        """;

    private const string SecondOpenTopic = """

          SecondTopic:
            Type: AWS::SNS::Topic
          SecondTopicPolicy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics: [!Ref SecondTopic]
              PolicyDocument:
                Statement: [{ Effect: Allow, Principal: '*', Action: 'sns:Publish', Resource: '*' }]
        """;

    [Fact]
    public async Task ACheckFailsOnlyOnFindingsTheBaselineDoesNotHold()
    {
        using var directory = new TemporaryDirectory();
        var template = Path.Combine(directory.Path, "topic.yaml");
        var baseline = Path.Combine(directory.Path, "guardrails.baseline.json");
        await File.WriteAllTextAsync(template, OpenTopic, TestContext.Current.CancellationToken);
        string[] check = ["check", template, "--fail-on", "high", "--rules", RepoPaths.Catalog];

        Assert.Equal(ExitCodes.Findings, await RunAsync([.. check, "--create-baseline", baseline]));
        Assert.Equal(ExitCodes.Ok, await RunAsync([.. check, "--baseline", baseline]));

        await File.AppendAllTextAsync(template, SecondOpenTopic, TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.Findings, await RunAsync([.. check, "--baseline", baseline]));
        Assert.Contains("#OpenTopic", await File.ReadAllTextAsync(baseline, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScanFailsOnlyOnFindingsTheBaselineDoesNotHold()
    {
        using var estate = new TinyEstate().Untagged("first").Untagged("second").Write();
        var baseline = Path.Combine(estate.Directory, "baseline.json");
        string[] scan = ["scan", "--snapshot", estate.Directory, "--out", Path.Combine(estate.Directory, "out"), "--no-store", "--quiet", "--fail-on", "low"];

        Assert.Equal(ExitCodes.Findings, await RunAsync([.. scan, "--create-baseline", baseline]));
        Assert.Equal(ExitCodes.Ok, await RunAsync([.. scan, "--baseline", baseline]));

        // A bucket that starts failing is new: the baseline does not hold it.
        estate.Untagged("third").Write();
        Assert.Equal(ExitCodes.Findings, await RunAsync([.. scan, "--baseline", baseline]));
        Assert.Contains(TinyEstate.Arn("first"), await File.ReadAllTextAsync(baseline, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Version\": 7, \"Findings\": []}")]
    [InlineData("{\"Version\": 1}")]
    public async Task AFileThatIsNoBaselineIsAUsageErrorNamingIt(string content)
    {
        using var directory = new TemporaryDirectory();
        var baseline = Path.Combine(directory.Path, "broken.json");
        await File.WriteAllTextAsync(baseline, content, TestContext.Current.CancellationToken);
        var exit = await RunAsync(["check", Path.Combine(directory.Path, "none.yaml"), "--baseline", baseline]);

        Assert.Equal(ExitCodes.UsageError, exit);
        var refused = Assert.Throws<Ocado.Guardrails.Scanner.Pipeline.BaselineException>(() => Ocado.Guardrails.Scanner.Pipeline.Baseline.Read(baseline));
        Assert.Contains(baseline, refused.Message, StringComparison.Ordinal);
    }

    private static Task<int> RunAsync(string[] args) => GuardrailsCommand.RunAsync(args, TextWriter.Null);
}
