using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Templates;

/// <summary>Runs the repository's catalog on templates, as <c>guardrails check</c> does without --config.</summary>
internal static class TemplateChecks
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static CheckResult Run(string path, TemplateContext? context = null, Estate? estate = null) => Run([path], context, estate);

    public static CheckResult Run(IReadOnlyList<string> paths, TemplateContext? context = null, Estate? estate = null) =>
        new TemplateCheck(Support.Catalog.Rules, estate ?? Estate.Empty, _ => RuleParams.Empty, Now).Run(paths, context ?? new TemplateContext());
}
