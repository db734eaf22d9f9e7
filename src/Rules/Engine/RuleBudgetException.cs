namespace Ocado.Guardrails.Rules.Engine;

/// <summary>A rule used up its stack or allocation budget on one resource.</summary>
public sealed class RuleBudgetException(string message) : Exception(message)
{
    internal const string TimeMessage = "the rule ran past its time budget on this resource (an endless loop?)";
}
