namespace Ocado.Guardrails.Rules.Engine;

/// <summary>A rule used up its time budget on one resource.</summary>
public sealed class RuleTimeoutException : Exception
{
    public RuleTimeoutException()
        : base("the rule ran past its time budget on this resource (an endless loop?)")
    {
    }
}
