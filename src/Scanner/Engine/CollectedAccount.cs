using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>One account's data: its resources, what could not be collected, when it was collected, and problems worth a warning.</summary>
internal sealed record CollectedAccount(
    IReadOnlyList<Resource> Resources, IReadOnlyList<CoverageGap> Gaps, DateTimeOffset? CollectedAt, IReadOnlyList<string> Errors);
