namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>A quota the forecast says runs out within the horizon, with the series and line it was judged by: a chart of the report.</summary>
public sealed record ForecastedQuota(string ResourceArn, string AccountId, string Region, string ServiceCode, string QuotaCode, QuotaForecast Forecast);
