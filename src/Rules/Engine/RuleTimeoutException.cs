namespace Ocado.Guardrails.Rules.Engine;

/// <summary>A rule used up its time budget on one resource.</summary>
public sealed class RuleTimeoutException : Exception
{
    public RuleTimeoutException()
        : base(RuleBudgetException.TimeMessage)
    {
    }
}
