using System.Diagnostics;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Differential;

/// <summary>
/// <c>@cloud-copilot/iam-simulate</c>, an independent implementation of AWS's evaluation logic, run as a
/// separate node process by <c>simulator/driver.mjs</c> (it is AGPL-3.0: never copied, vendored or shipped).
/// scripts/test.sh installs it into <c>simulator/node_modules</c> (git-ignored) from the pinned lock file.
/// </summary>
internal static class IamSimulator
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "Differential", "simulator");
    private static readonly string Package = Path.Combine(Folder, "node_modules", "@cloud-copilot", "iam-simulate", "package.json");

    /// <summary>Skips the test when node or the package is missing outside CI (scripts/test.sh installs both); fails it in CI.</summary>
    public static void Require()
    {
        var missing = Node() is null ? "node is not on PATH" : !File.Exists(Package) ? $"{Package} is absent" : null;
        if (missing is null)
        {
            return;
        }
        var message = $"{missing}: install node and npm (apt-get install -y nodejs npm) and run `npm ci` in {Folder} (scripts/test.sh does)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Skip(message);
    }

    /// <summary>One simulator process for the whole batch: one simulation per line in, one answer per line out.</summary>
    public static async Task<IReadOnlyList<SimulatorAnswer>> RunAsync(IReadOnlyList<JsonObject> simulations)
    {
        var start = new ProcessStartInfo(Node()!, "driver.mjs")
        {
            WorkingDirectory = Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        foreach (var simulation in simulations)
        {
            await process.StandardInput.WriteLineAsync(simulation.ToJsonString());
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the simulator exited with {process.ExitCode}: {await error}");
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(simulations.Count, lines.Length);
        return lines.Select(line => JsonNode.Parse(line)!.AsObject())
            .Select(o => new SimulatorAnswer(o["result"]?.GetValue<string>(), o["error"]?.GetValue<string>(), o["ignored"]?.AsArray().Count ?? 0))
            .ToList();
    }

    private static string? Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);
}

/// <summary>The simulator's decision (<c>Allowed</c>, <c>ExplicitlyDenied</c>, <c>ImplicitlyDenied</c>), or why it refused the input.</summary>
/// <summary><paramref name="IgnoredKeys"/>: context keys the simulator dropped as not applying to the action (the request then differs from ours).</summary>
internal sealed record SimulatorAnswer(string? Result, string? Error, int IgnoredKeys)
{
    public bool Allowed => Result == "Allowed";
}
