using System.CommandLine;
using System.Text.Json;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

public sealed class CheckCommandTests
{
    [Fact]
    public async Task CheckWritesSarifAndExitsOneWhenAFindingReachesFailOn()
    {
        var template = Path.Combine(RepoPaths.TestData, "cloudformation", "cfn_nag", "json", "sns_topic_policy", "sns_topic_with_wildcard_principal.json");
        var sarif = Path.Combine(Path.GetTempPath(), $"guardrails-check-{Guid.NewGuid():N}.sarif");
        try
        {
            var root = new RootCommand { CheckCommand.Create() };
            var code = await root.Parse(["check", template, "--format", "sarif", "--output", sarif, "--fail-on", "critical", "--rules", RepoPaths.Catalog]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(ExitCodes.Findings, code);
            using var log = JsonDocument.Parse(await File.ReadAllTextAsync(sarif, TestContext.Current.CancellationToken));
            Assert.Contains(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(),
                r => r.GetProperty("ruleId").GetString() == "segregation-topic-policy-no-foreign-access");
        }
        finally
        {
            File.Delete(sarif);
        }
    }

    [Fact]
    public async Task AnUnreadableTemplateIsAUsageErrorNeverAPass()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"guardrails-broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, "Resources: [unclosed\n", TestContext.Current.CancellationToken);
        try
        {
            var root = new RootCommand { CheckCommand.Create() };
            var code = await root.Parse(["check", broken, "--format", "json", "--output", broken + ".json", "--fail-on", "none", "--rules", RepoPaths.Catalog]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(ExitCodes.UsageError, code);
        }
        finally
        {
            File.Delete(broken);
            File.Delete(broken + ".json");
        }
    }
}
