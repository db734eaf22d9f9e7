using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>Every escape route a rule author could try is refused at load, naming the file, line and column.</summary>
public sealed class HostileRuleRefusalTests
{
    public static TheoryData<string, string, int, int, string> Rules() => RefusedHostileRules.All();

    [Theory]
    [MemberData(nameof(Rules))]
    public void AHostileRuleIsRefusedAtLoadAtItsFileLineAndColumn(string name, string body, int line, int column, string named)
    {
        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([SandboxRuns.Hostile(body)]));

        // GRxxxx from the confinement, or CSxxxx where the compiler cannot even bind what is not referenced.
        var at = $"{SandboxRuns.HostilePath}({line},{column}): error ";
        Assert.True(error.Errors.Any(e => e.StartsWith(at, StringComparison.Ordinal) && e.Contains(named, StringComparison.Ordinal)),
            $"{name}: expected an error at {at} naming '{named}', got:\n{error.Message}");
    }

    [Fact]
    public void ARuleHiddenBehindLineHiddenIsRefusedWhenCompiledWithTheWholeCatalog()
    {
        var body = "#line hidden\nvar t = System.IO.File.ReadAllText(\"/etc/hostname\");\nreturn Pass(t);";

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([.. Support.Catalog.Sources(), SandboxRuns.Hostile(body)]));

        Assert.Contains($"{SandboxRuns.HostilePath}(7,19): error GR2001: 'System.IO.File' is outside the rule API", error.Message);
    }

    [Theory]
    [InlineData("#line hidden\nreturn Pass(\"\");", "(6,1): error GR2002")]
    [InlineData("return Pass(\"\"); }\nstatic int Seen;\nvoid X() {", "(6,18): error GR2003")]
    public void TheLinterNamesADirectiveOrAMemberOutsideTheBodyWithoutCompiling(string body, string expected)
    {
        var problems = RuleLinter.Lint(SandboxRuns.Hostile(body), new HashSet<string>(StringComparer.Ordinal));

        Assert.Contains(problems, p => p.Contains(SandboxRuns.HostilePath + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ARulePathWithANewlineIsRefusedBeforeItReachesALineDirective()
    {
        var source = new RuleSource("rules/tagging/x\nSystem.IO.File.Delete(\"y\");//.csx", Support.Build.Header + "return Pass(\"\");");

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([source]));

        Assert.Contains("error GR1006", error.Message);
    }
}
