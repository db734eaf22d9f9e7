using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>Runs the repository's catalog on templates, as <c>guardrails check</c> does without --config.</summary>
internal static class TemplateChecks
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static ScanResult Run(string path, TemplateContext? context = null, Estate? estate = null) => Run([path], context, estate);

    public static ScanResult Run(IReadOnlyList<string> paths, TemplateContext? context = null, Estate? estate = null) =>
        new TemplateCheck(Support.Catalog.Rules, estate ?? Estate.Empty, _ => RuleParams.Empty, Now).Run(paths, context ?? new TemplateContext());

    /// <summary>The unwaived Fail and Error verdicts: what --fail-on counts.</summary>
    public static IEnumerable<Finding> Open(ScanResult result) => result.Findings.Where(f => f.Verdict is Verdict.Fail or Verdict.Error);

    public static IReadOnlyList<Finding> Passes(ScanResult result) => [.. result.Findings.Where(f => f.Verdict == Verdict.Pass)];

    /// <summary>The check as <c>guardrails check --format</c> writes it.</summary>
    public static string Render(ReportFormat format, ScanResult result, string? baseDirectory = null) =>
        CheckCommand.RenderAsync(format, result, baseDirectory ?? Environment.CurrentDirectory, Ocado.Guardrails.Scanner.Pipeline.StatusFilter.All, CancellationToken.None).GetAwaiter().GetResult();
}
