namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// A customer perimeter's verdict, its message naming the missing control, and the evidence: the fence's statements,
/// the account's path from the root, where the fence is open, and the control that is missing.
/// </summary>
public sealed record PerimeterJudgement(Verdict Verdict, string Message, Evidence Evidence);
