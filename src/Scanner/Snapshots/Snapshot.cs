using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>What a snapshot directory holds: the resources, what could not be collected, and when it was taken.</summary>
internal sealed record Snapshot(
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<CoverageGap> Gaps,
    DateTimeOffset? CollectedAt,
    IReadOnlyList<string> Errors);
