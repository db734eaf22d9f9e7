using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

public sealed class RealTemplateCheckTests
{
    /// <summary>Every real template goes through the whole check; a rule error on a mapped resource would mean the mapping gave a shape live items never have.</summary>
    [Fact]
    public void EveryRealTemplateIsCheckedWithoutRuleErrors()
    {
        var root = Fixtures.Data("cloudformation");
        var errors = new List<string>();
        foreach (var row in Csv.Read(Path.Combine(root, "templates-inventory.csv")))
        {
            var result = TemplateChecks.Run(Path.Combine(root, row["file"]));
            errors.AddRange(result.UnreadableFiles);
            errors.AddRange(result.Findings.Where(f => f.Verdict == Verdict.Error).Select(f => $"{row["file"]} {f.Location!.LogicalId}: {f.Message}"));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
