using System.CommandLine;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>--baseline FILE</c> and <c>--create-baseline FILE</c>, for <c>scan</c> and <c>check</c> alike.</summary>
internal sealed class BaselineOptions
{
    public Option<string?> Use { get; } = new("--baseline")
    {
        Description = "Fail (--fail-on) only on findings not in this baseline file; they are all still reported",
    };

    public Option<string?> Create { get; } = new("--create-baseline")
    {
        Description = "Write this run's Fail and Error findings to a baseline file, for a later --baseline",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Use);
        command.Options.Add(Create);
    }

    /// <summary>The baseline to apply, or null; an unreadable one is said on <paramref name="error"/> and is a usage error.</summary>
    public bool TryRead(ParseResult parse, TextWriter error, out Baseline? baseline)
    {
        baseline = null;
        if (parse.GetValue(Use) is not { } path)
        {
            return true;
        }
        try
        {
            baseline = Baseline.Read(path);
            return true;
        }
        catch (BaselineException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return false;
        }
    }
}
