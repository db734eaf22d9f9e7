using System.CommandLine;
using System.CommandLine.Parsing;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// <c>--format</c> (the files <c>scan</c> writes) and <c>--status</c> (the verdicts <c>scan</c> and <c>check</c> write),
/// declared once. Both are repeatable and take comma-separated lists; a word that names no format or verdict is a
/// usage error (exit 2) that lists the valid ones.
/// </summary>
internal sealed class OutputOptions
{
    public Option<string[]> Format { get; } = new("--format")
    {
        Description = $"Files to write into OUT and each customer's OUT/customers/<id>/, comma-separated or repeated: {string.Join(", ", ReportFormats.Names.Select(n => $"{n} ({ReportFormats.FileName(Enum.Parse<ReportFormat>(n, ignoreCase: true))})"))} (default: json,html)",
        HelpName = "FORMAT[,FORMAT...]",
    };

    public Option<string[]> Status { get; } = new("--status")
    {
        Description = $"Write only findings of these verdicts, comma-separated or repeated: {string.Join(", ", StatusFilter.Names)} (default: all). " +
                      "'pass' keeps passes as --include-passes does; without it, passes are not written even with --include-passes. " +
                      "Only what is written is filtered: --fail-on, --create-baseline and the console summary still judge every finding",
        HelpName = "VERDICT[,VERDICT...]",
    };

    public OutputOptions()
    {
        Format.Validators.Add(r => Refuse(r, "format", ReportFormats.Names, w => ReportFormats.TryParse(w, out _)));
        Status.Validators.Add(r => Refuse(r, "status", StatusFilter.Names, w => StatusFilter.TryParse([w], out _, out _)));
    }

    /// <summary>Adds --status, and --format when the verb writes files of its own choosing (<c>scan</c>; <c>check</c> has its own).</summary>
    public void AddTo(Command command, bool formats)
    {
        if (formats)
        {
            command.Options.Add(Format);
        }
        command.Options.Add(Status);
    }

    /// <summary>The formats asked for, in order, each once; the scan's default without --format.</summary>
    public IReadOnlyList<ReportFormat> Formats(ParseResult parse) =>
        CommaList.Split(parse.GetValue(Format) ?? []) is { Count: > 0 } names
            ? [.. names.Select(n => ReportFormats.TryParse(n, out var f) ? f : throw new InvalidOperationException($"--format {n} passed validation"))]
            : ScanOutputs.DefaultFormats;

    public StatusFilter Statuses(ParseResult parse) =>
        StatusFilter.TryParse(parse.GetValue(Status) ?? [], out var filter, out _) ? filter : StatusFilter.All;

    private static void Refuse(OptionResult result, string what, IReadOnlyList<string> valid, Func<string, bool> isValid)
    {
        foreach (var word in CommaList.Split(result.Tokens.Select(t => t.Value)).Where(w => !isValid(w)))
        {
            result.AddError($"unknown {what} '{word}' for {result.Option.Name}; use one or more of {string.Join(", ", valid)}");
        }
    }
}
