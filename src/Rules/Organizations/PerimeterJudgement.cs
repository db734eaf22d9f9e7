using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>A customer perimeter's verdict, its message naming the missing control, and the fence's statements as evidence.</summary>
public sealed record PerimeterJudgement(Verdict Verdict, string Message, IReadOnlyList<PolicyStatement> Statements);
