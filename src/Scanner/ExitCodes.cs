namespace Ocado.Guardrails.Scanner;

/// <summary>What the process exit code tells CI.</summary>
internal static class ExitCodes
{
    /// <summary>The work completed and nothing reached the --fail-on severity.</summary>
    public const int Ok = 0;

    /// <summary>Findings (or failing rule tests) at or above the --fail-on severity.</summary>
    public const int Findings = 1;

    /// <summary><c>access may</c>: the request is denied; <c>access who</c>: no principal may make it.</summary>
    public const int Denied = 1;

    /// <summary>Bad arguments, an invalid guardrails.yaml, or an unreadable input.</summary>
    public const int UsageError = 2;

    /// <summary>The rule catalog did not load (a compile error or a refused script).</summary>
    public const int RuleLoadError = 3;

}
