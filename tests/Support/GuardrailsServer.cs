using System.Diagnostics;
using System.Text;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// A long-running <c>guardrails</c> process (serve, worker) started as a user would, with its output
/// kept for the test's failure message. Disposing kills it if it still runs.
/// </summary>
internal sealed class GuardrailsServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public GuardrailsServer(string workingDirectory, params string[] args) : this(workingDirectory, new Dictionary<string, string?>(), args)
    {
    }

    /// <summary>With these environment variables set (or, when null, removed) in the process's environment.</summary>
    public GuardrailsServer(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
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
        start.Environment["DOTNET_NOLOGO"] = "1";
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
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> appears in the output within <paramref name="timeout"/>: the process's log lines are
    /// written by its logger's own thread and read here by another, so a line may arrive after what it tells of is visible.
    /// </summary>
    public async Task<bool> PrintsAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var wait = Stopwatch.StartNew(); !Output.Contains(text, StringComparison.Ordinal); await Task.Delay(100, cancellationToken))
        {
            if (wait.Elapsed > timeout)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>SIGKILL: no shutdown, no clean-up, as when a machine dies.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C stop a service, and wait for it to end.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        if (!_process.WaitForExit(30_000))
        {
            KillHard();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
