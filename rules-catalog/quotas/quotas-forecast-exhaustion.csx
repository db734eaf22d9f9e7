// id: quotas-forecast-exhaustion
// title: Service quotas are not forecast to run out within the horizon
// severity: medium
// resource-types: AWS::ServiceQuotas::Quota
// rationale: A quota at 60% tonight that grows by a few a day is exhausted next week, before any headroom threshold warns in time for AWS to grant an increase. The trend is a Theil–Sen line over the last 30 days of scans (the median of the slopes between every pair of scans), so one night's spike does not move it.
// remediation: Request an increase now (`aws service-quotas request-service-quota-increase --service-code CODE --quota-code L-XXXXXXXX --desired-value N`) or stop the growth. The horizon is set in guardrails.yaml (rules: quotas-forecast-exhaustion: horizonDays). The forecast needs the findings store (scans recorded with a store, or the engine) and at least 5 scans over 2 days.
// references: https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html, https://en.wikipedia.org/wiki/Theil%E2%80%93Sen_estimator
// param: horizonDays (integer, 1 to 3650) = 30: a quota forecast to run out within this many days fails

var quota = ServiceQuota.Describe(Resource);
if (ServiceQuota.Value(Resource) is not { } value)
{
    return Skip($"{Resource}: {quota} has no numeric Value to judge against");
}
if (ServiceQuota.Usage(Resource) is null)
{
    return Skip($"{Resource}: the usage of {quota} is unknown: {ServiceQuota.WhyUsageUnknown(Resource)}");
}
// No store, or a first scan: nothing earlier to compare with yet, which is not missing data (Skip);
// some history but too little to trust is (NotAssessed, below).
if (!ServiceQuota.HasUsageHistory(Resource) || ServiceQuota.UsageHistory(Resource).Count <= 1)
{
    return Skip($"{Resource}: {quota} has no earlier usage to forecast from: forecasts need the findings store (a scan without --no-store, or the engine) and earlier scans");
}
if (ServiceQuota.Forecast(Resource) is not { } forecast)
{
    return NotAssessed($"{Resource}: too little usage history to forecast {quota}: {ServiceQuota.UsageHistory(Resource).Count} scans; a forecast needs {QuotaForecast.MinimumPoints} scans over at least {QuotaForecast.MinimumSpanDays} days");
}
var horizon = Params.Number("horizonDays");
if (horizon <= 0)
{
    throw new ArgumentOutOfRangeException("horizonDays", horizon, "the parameter 'horizonDays' must be a number of days above 0, e.g. 30");
}
var evidence = $"usage {forecast.Series} over {forecast.Points.Count} scans; trend {forecast.SlopePerDay:+0.###;-0.###;0} a day";
if (forecast.DaysUntilExhausted is not { } days)
{
    return Pass($"{Resource}: {quota} is not growing ({evidence}); value {value}");
}
return days <= horizon
    ? Fail($"{Resource}: {quota} is forecast to reach its value {value} in {days:0.#} days, on {forecast.ExhaustedOn:yyyy-MM-dd} ({evidence}), within the {horizon:0.#}-day horizon; request an increase with `{ServiceQuota.IncreaseCommand(Resource)}` or stop the growth", ServiceQuota.EvidenceOf(Resource).And("forecast", evidence).And("daysUntilExhausted", days).And("horizonDays", horizon))
    : Pass($"{Resource}: {quota} is forecast to reach its value {value} in {days:0} days, on {forecast.ExhaustedOn:yyyy-MM-dd} ({evidence}), beyond the {horizon:0.#}-day horizon");
