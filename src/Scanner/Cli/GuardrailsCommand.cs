using System.CommandLine;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>The <c>guardrails</c> command line: one verb per job.</summary>
internal static class GuardrailsCommand
{
    public static RootCommand Create() => new(
        """
        Ocado.Guardrails: governance and compliance scanner for AWS estates.
        Lists resources across every customer account, runs C# policy rules (tagging, segregation,
        IAM least privilege, quota headroom) and writes findings and HTML reports.

        Start with the demo:   guardrails scan --demo --out out
        Scan a snapshot:       guardrails scan --snapshot DIR --out out
        Collect from AWS:      guardrails collect --config guardrails.yaml --out DIR
        Collect and scan:      guardrails scan --config guardrails.yaml --out out   (evidence in out/snapshot)
        Try your rules:        guardrails rules test rules-catalog/iam
        Check templates:       guardrails check template.yaml --format sarif
        Nightly audits:        guardrails serve --snapshot DIR   (dashboard: http://127.0.0.1:5080/hangfire)

        Exit codes: 0 done, nothing at or above --fail-on; 1 findings at or above --fail-on (or failing rule
        tests); 2 bad arguments, invalid guardrails.yaml or unreadable input; 3 the rule catalog did not load.
        """)
    {
        ScanCommand.Create(),
        RulesCommand.Create(),
        CollectCommand.Create(),
        ReportCommand.Create(),
        CheckCommand.Create(),
        ServeCommand.Create(),
        WorkerCommand.Create(),
        AuditCommand.Create(),
    };
}
