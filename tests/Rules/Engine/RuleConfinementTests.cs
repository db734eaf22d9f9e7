using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>A rule runs inside the process that holds AWS credentials: anything beyond the rule API and pure computation is refused at load.</summary>
public sealed class RuleConfinementTests
{
    [Theory]
    [InlineData("var text = System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [InlineData("var d = new System.IO.DirectoryInfo(\"/\"); var n = d.Name;", "System.IO.DirectoryInfo")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("var client = new System.Net.Http.HttpClient();", "System.Net")]
    [InlineData("var secret = Environment.GetEnvironmentVariable(\"AWS_SECRET_ACCESS_KEY\");", "System.Environment")]
    [InlineData("Environment.Exit(1);", "System.Environment")]
    [InlineData("var asm = typeof(string).Assembly;", "System.Type")]
    [InlineData("var m = \"\".GetType().GetMethods();", "reflection")]
    [InlineData("var o = Activator.CreateInstance(typeof(object));", "System.Activator")]
    [InlineData("var t = Type.GetType(\"System.IO.File\");", "System.Type")]
    [InlineData("var thread = new System.Threading.Thread(() => { });", "System.Threading.Thread")]
    [InlineData("System.Threading.Tasks.Task.Run(() => 1);", "System.Threading.Tasks.Task")]
    [InlineData("var timer = new System.Threading.Timer(_ => { });", "System.Threading.Timer")]
    [InlineData("unsafe { int x = 1; int* p = &x; }", "unsafe")]
    [InlineData("dynamic d = 1; d.Anything();", "dynamic")]
    [InlineData("System.Console.WriteLine(\"leak\");", "System.Console")]
    [InlineData("var domain = AppDomain.CurrentDomain;", "System.AppDomain")]
    [InlineData("var ptr = System.Runtime.InteropServices.Marshal.AllocHGlobal(8);", "Marshal")]
    [InlineData("GC.Collect();", "System.GC")]
    [InlineData("[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid(); getpid();", "extern")]
    public void AnEscapeAttemptIsRefusedAtLoadNamingTheFileLineAndWhat(string escape, string named)
    {
        var text = Build.Header + "var before = 1;\n" + escape + "\nreturn Pass(\"\");";

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([new RuleSource("rules/tagging/tagging-test-rule.csx", text)]));

        Assert.Contains("rules/tagging/tagging-test-rule.csx(7,", error.Message);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void AnAliasOfAForbiddenTypeIsRefusedWhereItIsUsed()
    {
        var text = Build.Header + "using F = System.IO.File;\nvar t = F.ReadAllText(\"/etc/passwd\");\nreturn Pass(t);";

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([new RuleSource("r/tagging-test-rule.csx", text)]));

        Assert.Contains("System.IO.File", error.Message);
    }

    [Theory]
    [InlineData("#r \"System.Net.Http\"")]
    [InlineData("#load \"other.csx\"")]
    public void ReferenceAndLoadDirectivesAreRefused(string directive)
    {
        var text = Build.Header + directive + "\nreturn Pass(\"\");";

        var error = Assert.Throws<RuleLoadException>(() => RuleCompiler.Compile([new RuleSource("r/tagging-test-rule.csx", text)]));

        Assert.Contains("r/tagging-test-rule.csx(6,", error.Message);
    }

    [Fact]
    public void PureComputationWithLinqRegexAndJsonIsAllowed()
    {
        var text = Build.Header + """
            var keys = Resource.Tags.Keys.Where(k => Regex.IsMatch(k, "^[a-z-]+$", RegexOptions.None, TimeSpan.FromSeconds(1))).OrderBy(k => k).ToList();
            var json = JsonDocument.Parse("{\"a\": 1}").RootElement.GetProperty("a").GetInt32();
            var text = new StringBuilder().Append(keys.Count).Append(json).ToString();
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            return Pass(text + Math.Max(1, 2).ToString(culture) + DateTimeOffset.UnixEpoch.Year + TimeSpan.FromDays(1).TotalHours);
            """;

        var catalog = RuleCompiler.Compile([new RuleSource("r/tagging-test-rule.csx", text)]);

        Assert.Single(catalog.Rules);
    }
}
