namespace Ocado.Guardrails.Reports.Compliance;

/// <summary>
/// A compliance framework as frameworks.json lists it. <see cref="Prefix"/> is how a rule's
/// <c>controls:</c> header names it ("CIS AWS Foundations 1.16" is control 1.16 of CIS).
/// </summary>
internal sealed record Framework(string Id, string Name, string Prefix, string Source, string Scope, IReadOnlyList<FrameworkControl> Controls);

/// <summary>One control (a CIS recommendation, an FSBP control) and its title.</summary>
internal sealed record FrameworkControl(string Id, string Title);
