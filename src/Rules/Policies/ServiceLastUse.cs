namespace Ocado.Guardrails.Rules.Policies;

/// <summary>One service a principal's policies allow, and when IAM last saw the principal authenticate to it (null: not within IAM's tracking period).</summary>
public sealed record ServiceLastUse(string Namespace, string Name, DateTimeOffset? LastAuthenticated);
