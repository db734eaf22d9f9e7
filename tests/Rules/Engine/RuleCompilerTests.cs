using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Engine;

public sealed class RuleCompilerTests
{
    private static RuleResult RunOne(string body, Resource? resource = null, TimeSpan? budget = null)
    {
        var catalog = RuleCompiler.Compile([new RuleSource("rules/tagging/tagging-test-rule.csx", Build.Header + body)]);
        var evaluator = new Evaluator(catalog, Estate.Empty, Inventory.Empty, _ => RuleParams.Empty, DateTimeOffset.UnixEpoch, budget);
        return evaluator.Evaluate(0, resource ?? Build.Resource());
    }

    [Fact]
    public void ARuleBodyRunsAgainstTheResourceItIsGiven()
    {
        var result = RunOne("""return Resource.Tag("owner") is null ? Fail($"{Resource.Arn} has no owner") : Pass("ok");""");

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal("arn:aws:s3:::bucket-1 has no owner", result.Message);
    }

    [Fact]
    public void ACompileErrorNamesTheRuleFileLineAndColumn()
    {
        var error = Assert.Throws<RuleLoadException>(() => RunOne("var x = 1;\n   return Pas(\"ok\");"));

        Assert.Contains("rules/tagging/tagging-test-rule.csx(7,11): error CS0103: The name 'Pas' does not exist", error.Message);
    }

    [Fact]
    public void AUsingLineInTheScriptIsHonouredAndKeepsLineNumbers()
    {
        var result = RunOne("using System.Globalization;\nreturn CultureInfo.InvariantCulture.Name == \"\" ? Pass(\"invariant\") : Fail(\"not invariant\");");

        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public void ARuleThatThrowsGivesAnErrorVerdictNamingTheResource()
    {
        var result = RunOne("""throw new InvalidOperationException("boom");""");

        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.Contains("boom", result.Message);
        Assert.Contains("arn:aws:s3:::bucket-1", result.Message);
    }

    [Fact]
    public void AnEndlessLoopEndsInErrorWithinTheBudget()
    {
        var result = RunOne("while (true) { }", budget: TimeSpan.FromMilliseconds(200));

        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.Contains("time budget", result.Message);
    }

    [Fact]
    public void RunawayRecursionEndsInErrorInsteadOfKillingTheProcess()
    {
        var result = RunOne("int Down(int n) => Down(n + 1) + 1;\nreturn Down(0) > 0 ? Pass(\"\") : Fail(\"\");");

        Assert.Equal(Verdict.Error, result.Verdict);
    }

    [Fact]
    public void AMissingReturnIsReportedAtTheBodyOfTheRule()
    {
        var error = Assert.Throws<RuleLoadException>(() => RunOne("var x = 1;"));

        Assert.Contains("tagging-test-rule.csx(6,1): error CS0161", error.Message);
    }

    [Fact]
    public void AHeaderWithoutRemediationIsRefusedWithTheFileName()
    {
        var text = "// id: tagging-x\n// title: X\n// severity: low\n// resource-types: *\nreturn Pass(\"\");";

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([new RuleSource("r/tagging-x.csx", text)]));

        Assert.Contains("r/tagging-x.csx(1,1): error GR1002: the header has no 'remediation'", error.Message);
    }

    [Fact]
    public void ReadingAFileIsRefusedAtLoadWithItsPosition()
    {
        var error = Assert.Throws<RuleLoadException>(() => RunOne("var t = System.IO.File.ReadAllText(\"/etc/passwd\");\nreturn Pass(t);"));

        Assert.Contains("tagging-test-rule.csx(6,19): error GR2001: 'System.IO.File' is outside the rule API", error.Message);
        Assert.Contains("GR2001", error.Message);
    }
}
