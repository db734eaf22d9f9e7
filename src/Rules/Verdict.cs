namespace Ocado.Guardrails.Rules;

/// <summary>
/// The outcome of one rule on one resource. Rules return Pass, Fail or Skip, and NotAssessed when the
/// data they need was not collected; the engine produces Error (the rule threw or ran away),
/// NotAssessed (a coverage gap) and Suppressed (a valid waiver). None of them ever turns into Pass.
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
