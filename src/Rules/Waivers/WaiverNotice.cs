namespace Ocado.Guardrails.Rules.Waivers;

/// <summary>A waiver that needs attention, and why: it matched nothing (stale) or it has run out (expired).</summary>
public sealed record WaiverNotice(Waiver Waiver, string Note);
