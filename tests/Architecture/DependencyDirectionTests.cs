using System.Reflection;
using NetArchTest.Rules;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Tests.Architecture;

/// <summary>
/// The house as docs/architecture.md draws it: Rules depends on nothing of ours, Reports on Rules only,
/// and the AWS SDK, Hangfire, ASP.NET Core's host, the databases and the file formats only in the
/// Scanner; inside the Scanner, each folder only on the folders beneath it.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Rules = typeof(RuleCatalog).Assembly;
    private static readonly Assembly Reports = typeof(FindingsJson).Assembly;
    private static readonly Assembly Scanner = typeof(ScanPipeline).Assembly;

    /// <summary>What only the Scanner may touch: AWS, Hangfire, the web host, databases, the command line, YAML.</summary>
    private static readonly string[] HostOnly =
    [
        "Amazon", "Hangfire", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.Extensions.Hosting", "System.CommandLine", "YamlDotNet", "Polly", "CsvHelper", "Bogus",
    ];

    [Fact]
    public void RulesDependOnNothingOfOursAndOnNoHostLibrary() =>
        AssertNone(Types.InAssembly(Rules).ShouldNot().HaveDependencyOnAny(["Ocado.Guardrails.Reports", "Ocado.Guardrails.Scanner", .. HostOnly]));

    [Fact]
    public void ReportsDependOnRulesAndOnNoHostLibrary() =>
        AssertNone(Types.InAssembly(Reports).ShouldNot().HaveDependencyOnAny(["Ocado.Guardrails.Scanner", .. HostOnly]));

    [Fact]
    public void TheAssembliesReferenceOnlyWhatTheirLayerMay()
    {
        Assert.DoesNotContain(Rules.GetReferencedAssemblies(), a => a.Name!.StartsWith("Ocado.", StringComparison.Ordinal) || a.Name == "guardrails");
        Assert.DoesNotContain(Reports.GetReferencedAssemblies(), a => a.Name == "guardrails");
        // Of ASP.NET Core, the reports use the Razor components alone (the HTML renderer), never the host.
        Assert.All(Reports.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)),
            a => Assert.StartsWith("Microsoft.AspNetCore.Components", a.Name, StringComparison.Ordinal));
    }

    /// <summary>Each folder of the Scanner, and the folders it must not reach (those above it in docs/architecture.md).</summary>
    public static TheoryData<string, string[]> ScannerFolders() => new()
    {
        { "Aws", ["Collection", "Snapshots", "Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Snapshots", ["Collection", "Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Collection", ["Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Sources", ["Pipeline", "Store", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Store", ["Collection", "Sources", "Pipeline", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Pipeline", ["Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Jobs", ["Web", "Cli", "Templates", "Demo"] },
        { "Web", ["Cli", "Templates", "Demo"] },
        { "Templates", ["Collection", "Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Demo"] },
        { "Demo", ["Collection", "Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Templates"] },
        { "Notifications", ["Collection", "Sources", "Pipeline", "Jobs", "Web", "Cli", "Templates", "Demo"] },
        { "Configuration", ["Collection", "Snapshots", "Sources", "Pipeline", "Store", "Jobs", "Web", "Cli", "Templates", "Demo"] },
    };

    [Theory]
    [MemberData(nameof(ScannerFolders))]
    public void AScannerFolderDependsOnlyOnTheFoldersBeneathIt(string folder, string[] above) =>
        AssertNone(Types.InAssembly(Scanner).That().ResideInNamespace($"Ocado.Guardrails.Scanner.{folder}")
            .ShouldNot().HaveDependencyOnAny([.. above.Select(f => $"Ocado.Guardrails.Scanner.{f}")]));

    [Fact]
    public void TheCheckIsCaughtWhenADirectionIsBroken()
    {
        // The rule above can fail: the Cli does depend on the Pipeline.
        var result = Types.InAssembly(Scanner).That().ResideInNamespace("Ocado.Guardrails.Scanner.Cli")
            .ShouldNot().HaveDependencyOn("Ocado.Guardrails.Scanner.Pipeline").GetResult();
        Assert.False(result.IsSuccessful);
    }

    private static void AssertNone(ConditionList condition)
    {
        var result = condition.GetResult();
        Assert.True(result.IsSuccessful, "types that break the direction: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
