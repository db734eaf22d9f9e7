namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// How the usage of one service quota is computed from the inventory: the number of resources of
/// <see cref="ResourceType"/> in the quota's account (and region, unless the quota is global), kept by
/// an optional filter.
/// </summary>
public sealed record QuotaUsageRule(string ServiceCode, string QuotaCode, string QuotaName, string ResourceType, bool Global = false);
