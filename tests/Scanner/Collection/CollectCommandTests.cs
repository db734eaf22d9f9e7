using System.CommandLine;
using Ocado.Guardrails.Scanner.Cli;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>The verb's command line: --out is required, --config defaults to guardrails.yaml.</summary>
public sealed class CollectCommandTests
{
    [Fact]
    public void CollectWithoutOutIsAUsageError()
    {
        var result = new RootCommand { CollectCommand.Create() }.Parse(["collect"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--out", StringComparison.Ordinal));
    }

    [Fact]
    public void TheConfigDefaultsToGuardrailsYamlInTheCurrentDirectory()
    {
        var result = new RootCommand { CollectCommand.Create() }.Parse(["collect", "--out", "snapshot"]);

        Assert.Empty(result.Errors);
        Assert.Equal("guardrails.yaml", result.GetValue<string>("--config"));
        Assert.Equal("snapshot", result.GetValue<string>("--out"));
    }
}
