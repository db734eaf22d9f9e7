namespace Ocado.Guardrails.Rules;

/// <summary>
/// The outcome of one rule on one resource. Rules return Pass, Fail or Skip; the engine alone
/// produces Error (the rule threw or ran away), NotAssessed (the data was not collected) and
/// Suppressed (a valid waiver). None of the engine's verdicts ever turns into Pass.
/// </summary>
public enum Verdict
{
    Pass,
    Fail,
    Skip,
    Error,
    NotAssessed,
    Suppressed,
}
