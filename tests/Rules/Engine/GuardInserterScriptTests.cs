using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>
/// Where the inserted guards take the script's budget (<c>this.GuardBudget</c>, no thread-static read) and where they keep
/// the thread's: the rewritten script must compile, and no delegate may be made to capture the script.
/// </summary>
public sealed class GuardInserterScriptTests
{
    private const string ScriptGuard = "Tick(this.GuardBudget)";
    private const string ThreadGuard = "RuleGuard.Tick();";

    [Theory]
    [InlineData("the body's own loop", "for (var i = 0; i < 3; i++) { MARK(); }", true)]
    [InlineData("a local function called directly", "void F() { while (Next()) { MARK(); } }\nF();", true)]
    [InlineData("a nested local function called directly", "void F() { void G() { foreach (var x in new[] { 1 }) { MARK(); } } G(); }\nF();", true)]
    [InlineData("a recursive local function", "int F(int n) { for (var i = 0; i < n; i++) { MARK(); } return n == 0 ? 0 : F(n - 1); }\nF(2);", true)]
    [InlineData("a lambda", "Action a = () => { while (Next()) { MARK(); } };\na();", false)]
    [InlineData("an anonymous method", "Action a = delegate { while (Next()) { MARK(); } };\na();", false)]
    [InlineData("a static local function", "static void F() { while (Next()) { MARK(); } }\nF();", false)]
    [InlineData("a local function made a delegate", "void F() { while (Next()) { MARK(); } }\nAction a = F;\na();", false)]
    [InlineData("a local function called from a lambda", "void F() { while (Next()) { MARK(); } }\nAction a = () => F();\na();", false)]
    [InlineData("a local function called from one made a delegate", "void F() { while (Next()) { MARK(); } }\nvoid G() { F(); }\nAction a = G;\na();", false)]
    [InlineData("a local function inside a lambda", "Action a = () => { void F() { while (Next()) { MARK(); } } F(); };\na();", false)]
    [InlineData("a loop in a query's source", "var q = from x in new[] { 1 } select x;\nforeach (var y in q) { MARK(); }", true)]
    public void ALoopsGuardNamesTheScriptOnlyWhereNoDelegateWouldCaptureIt(string name, string body, bool namesScript)
    {
        var rewritten = Rewrite(body);

        // The loop's guard is the last tick before the marked statement, at the top of the loop's block.
        var before = rewritten[..rewritten.IndexOf("MARK();", StringComparison.Ordinal)];
        var guard = before[before.LastIndexOf("RuleGuard.Tick(", StringComparison.Ordinal)..];
        Assert.True(guard.StartsWith(namesScript ? "RuleGuard." + ScriptGuard : ThreadGuard, StringComparison.Ordinal), $"{name}: {guard}");
    }

    [Fact]
    public void ALocalFunctionCalledDirectlyEntersWithTheScriptsBudgetAndALambdaWithTheThreads()
    {
        var rewritten = Rewrite("int F(int n) => n + 1;\nFunc<int, int> g = n => n + 2;\nreturn F(g(1)) > 0;");

        Assert.Contains("int F(int n) {global::Ocado.Guardrails.Rules.Engine.RuleGuard.Enter(this.GuardBudget);", rewritten.Replace(" =>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("n => {global::Ocado.Guardrails.Rules.Engine.RuleGuard.Enter();", rewritten, StringComparison.Ordinal);
    }

    /// <summary>A script class as the wrapper makes it (a body returning bool, with MARK where a guard is looked for), its guards inserted and compiled.</summary>
    private static string Rewrite(string body)
    {
        var text = "using System; using System.Linq; using System.Collections.Generic;\n"
            + "namespace Ocado.Guardrails.CompiledRules {\n"
            + "public sealed class Rule0 : global::Ocado.Guardrails.Rules.Engine.RuleScript {\n"
            + "static void MARK() { } static bool Next() => false;\n"
            + "bool Body() {\n" + body.Replace("MARK();", "\nMARK();\n", StringComparison.Ordinal) + "\nreturn true; }\n"
            + "protected override global::Ocado.Guardrails.Rules.RuleResult Evaluate() => Pass(Body().ToString()); } }";
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest));
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("guards", [tree], references, options);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var guarded = new GuardInserter(compilation.GetSemanticModel(tree)).Visit(tree.GetRoot())!;

        var after = compilation.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(guarded, tree.Options));
        var errors = after.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + guarded.ToFullString());
        return guarded.ToFullString();
    }
}
