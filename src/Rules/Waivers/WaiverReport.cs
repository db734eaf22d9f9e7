namespace Ocado.Guardrails.Rules.Waivers;

/// <summary>What a scan says about its waivers: the ones that matched nothing and the ones that ran out.</summary>
public sealed record WaiverReport(IReadOnlyList<WaiverNotice> Stale, IReadOnlyList<WaiverNotice> Expired)
{
    public static WaiverReport None { get; } = new([], []);

    public bool IsEmpty => Stale.Count == 0 && Expired.Count == 0;

    /// <summary>The notices about waivers that could apply to these accounts (a customer's report mentions no other's).</summary>
    public WaiverReport For(IReadOnlyCollection<string> accounts) => new(
        [.. Stale.Where(n => n.Waiver.Concerns(accounts))],
        [.. Expired.Where(n => n.Waiver.Concerns(accounts))]);
}
