namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// One quota's value and usage in one account and region at one time: what the findings store keeps per
/// scan, so that a later scan can forecast when the usage reaches the value.
/// </summary>
public sealed record QuotaUsageSample(string AccountId, string Region, string ServiceCode, string QuotaCode, double Value, double Usage, DateTimeOffset At);
