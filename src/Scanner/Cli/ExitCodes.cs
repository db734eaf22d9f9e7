namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>What the process exit code tells CI.</summary>
internal static class ExitCodes
{
    /// <summary>The work completed and nothing reached the --fail-on severity.</summary>
    public const int Ok = 0;

    /// <summary>Findings (or failing rule tests) at or above the --fail-on severity.</summary>
    public const int Findings = 1;

    /// <summary>Bad arguments, an invalid guardrails.yaml, or an unreadable input.</summary>
    public const int UsageError = 2;

    /// <summary>The rule catalog did not load (a compile error or a refused script).</summary>
    public const int RuleLoadError = 3;

    public const string Help = """
        Exit codes: 0 done, nothing at or above --fail-on; 1 findings at or above --fail-on (or failing rule tests);
        2 bad arguments, invalid guardrails.yaml or unreadable input; 3 the rule catalog did not load.
        """;
}
