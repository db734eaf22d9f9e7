namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// An AWS Config aggregator that sees the whole organisation: Config is read from there, in one
/// place, instead of assuming into every account for it.
/// https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
/// </summary>
internal sealed record AggregatorSettings(string Name, string AccountId, string Region);
