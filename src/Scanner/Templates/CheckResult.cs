using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>What <c>guardrails check</c> found in a set of templates.</summary>
internal sealed record CheckResult
{
    /// <summary>Fail and Error verdicts, suppressed ones included (with their waiver reason).</summary>
    public required IReadOnlyList<TemplateFinding> Findings { get; init; }
    public required IReadOnlyList<TemplateFinding> Passes { get; init; }
    public required IReadOnlyList<(string File, UnassessedResource Resource)> NotAssessed { get; init; }
    /// <summary>Templates that could not be read: each is an error, never a clean result.</summary>
    public required IReadOnlyList<string> Unreadable { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>The headers of the rules that ran, for the SARIF's rule descriptions.</summary>
    public IReadOnlyList<RuleHeader> Rules { get; init; } = [];

    public IEnumerable<TemplateFinding> Open => Findings.Where(f => !f.Suppressed);
}
