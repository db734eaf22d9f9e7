using System.Diagnostics;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary><c>guardrails serve --hash-password</c>: a dashboard user's passwordPbkdf2, from a password read on standard input.</summary>
public sealed class HashPasswordTests
{
    [Fact]
    public async Task ThePrintedHashMatchesThePasswordReadFromStandardInputAndNoOtherAndTheOutputHoldsNoPassword()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "guardrails.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--hash-password");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("s3cret horse battery");
        process.StandardInput.Close();
        var output = (await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        Assert.True(Pbkdf2Hash.TryParse(output, out var hash), output);
        Assert.Equal(Pbkdf2Hash.DefaultIterations, hash.Iterations);
        Assert.True(hash.Matches("s3cret horse battery"));
        Assert.False(hash.Matches("s3cret horse batterY"));
        Assert.DoesNotContain("s3cret", output);
    }
}
