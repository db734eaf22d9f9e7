using System.Diagnostics;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>
/// guardrails installs as users install it, into a clean temporary folder, and scans the demo from another
/// directory with the catalog it carries: as a .NET tool, and as a self-contained single file.
/// </summary>
public sealed class InstallTests
{
    [Fact]
    public void ThePackedToolInstallsIntoAToolPathAndScansTheDemoFromAnotherDirectory()
    {
        using var temporary = new TemporaryDirectory();
        var packages = Path.Combine(temporary.Path, "packages");
        var tools = Path.Combine(temporary.Path, "tools");
        // The suite runs after a Release build: pack that build rather than build again under the running tests.
        Run(RepoPaths.Root, "dotnet", "pack", Path.Combine(RepoPaths.Root, "src", "Scanner"), "-c", "Release", "--no-build", "-o", packages, "-nologo");
        Run(temporary.Path, "dotnet", "tool", "install", "Ocado.Guardrails", "--tool-path", tools, "--add-source", packages, "--prerelease");

        var scan = ScanTheDemo(Path.Combine(tools, "guardrails"), temporary.Path);

        Assert.Contains(Path.Combine(tools, ".store"), scan, StringComparison.Ordinal);
    }

    [Fact]
    public void ASelfContainedSingleFileScansTheDemoFromAnotherDirectory()
    {
        using var temporary = new TemporaryDirectory();
        var published = Path.Combine(temporary.Path, "single-file");
        Run(RepoPaths.Root, "dotnet", "publish", Path.Combine(RepoPaths.Root, "src", "Scanner"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-p:PublishSingleFile=true", "-o", published, "-nologo");
        Assert.False(File.Exists(Path.Combine(published, "guardrails.dll")), "a single-file publish has no separate program assembly");

        var scan = ScanTheDemo(Path.Combine(published, "guardrails"), temporary.Path);

        Assert.Contains(Path.Combine(published, "rules-catalog"), scan, StringComparison.Ordinal);
    }

    /// <summary>Runs the installed program's demo scan in a fresh directory (no rules-catalog there); returns what it said.</summary>
    private static string ScanTheDemo(string program, string temporary)
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(temporary, "elsewhere")).FullName;
        var said = Run(elsewhere, program, "scan", "--demo", "--out", "out", "--no-store");
        Assert.True(File.Exists(Path.Combine(elsewhere, "out", "report.html")), said);
        Assert.True(File.Exists(Path.Combine(elsewhere, "out", "findings.json")), said);
        return said;
    }

    private static string Run(string directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["GUARDRAILS_CACHE"] = Path.Combine(directory, ".rule-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 8 minutes");
        }
        var said = output.Result + error.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{said}");
        return said;
    }
}
