using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>A mistake in the command line itself exits 2, never 1 (which CI reads as findings), and points at the help.</summary>
public sealed class ArgumentErrorTests
{
    [Theory]
    [InlineData("scna", "Unrecognized command or argument 'scna'", "guardrails --help")]
    [InlineData("scan --fail-on hihg", "'hihg' not recognized", "guardrails scan --help")]
    [InlineData("scan --bogus-option", "'--bogus-option'", "guardrails scan --help")]
    [InlineData("check", "Required argument missing", "guardrails check --help")]
    [InlineData("check t.yaml --severity high", "unknown option '--severity'", "guardrails check --help")]
    [InlineData("scan --demo --demo-size 10", "--demo-size must be between 3,000 and 20,000,000 (was 10)", "guardrails scan --help")]
    [InlineData("scan --demo --demo-accounts 9999", "--demo-accounts must be between 12 and 500", "guardrails scan --help")]
    [InlineData("rules tset", "Unrecognized command or argument 'tset'", "guardrails rules --help")]
    [InlineData("report --format pdf --from x.json", "'pdf' not recognized", "guardrails report --help")]
    public async Task AMistakeInTheWordsExitsTwoAndSaysWhatAndWhereToLook(string line, string says, string help)
    {
        using var error = new StringWriter();

        var exit = await GuardrailsCommand.RunAsync(line.Split(' '), error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(says, error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"See '{help}'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOptionIsNeverTakenForATemplateToLookFor()
    {
        using var error = new StringWriter();

        await GuardrailsCommand.RunAsync(["check", "t.yaml", "--severity", "high"], error);

        Assert.DoesNotContain("no such file", error.ToString(), StringComparison.Ordinal);
    }
}
