using System.Diagnostics;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>Runs the real <c>guardrails</c> program, as a user would, and captures what it says.</summary>
public static class GuardrailsProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(string workingDirectory, params string[] args) => Run(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>With these environment variables set (or, when null, removed) in the program's environment.</summary>
    public static Outcome Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "guardrails.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GUARDRAILS_CACHE"] = Path.Combine(Path.GetTempPath(), "guardrails-test-cache");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"guardrails {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}
