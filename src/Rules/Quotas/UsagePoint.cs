namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>A quota's usage as one scan counted it, at the time its account was collected.</summary>
public sealed record UsagePoint(DateTimeOffset At, double Usage);
