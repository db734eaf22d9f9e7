namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// A digest of an earlier scan that did not reach its channel: failed after its attempts, or left
/// unfinished by a sender that stopped mid-send (sent at most once: maybe not at all). The next report
/// shows it, so that a silent channel is noticed. The error is masked where it was made.
/// </summary>
public sealed record NotificationFailure(string ScanId, string Channel, DateTimeOffset At, bool Unfinished, int Attempts, string? Error);
