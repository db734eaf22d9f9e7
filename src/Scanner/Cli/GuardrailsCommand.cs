using System.CommandLine;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>The <c>guardrails</c> command line: one verb per job.</summary>
internal static class GuardrailsCommand
{
    /// <summary>
    /// Parses and runs a command line. A mistake in the words themselves (an unknown verb or option, a value not
    /// among the choices, a missing argument) exits 2 with every mistake listed and a pointer to the help: exit 1
    /// means findings, and CI must be able to tell the two apart.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync();
        }
        foreach (var mistake in parse.Errors)
        {
            await error.WriteLineAsync($"error: {mistake.Message}");
        }
        var verb = parse.CommandResult.Command;
        await error.WriteLineAsync($"See '{(verb is RootCommand ? "guardrails" : "guardrails " + string.Join(' ', Path(parse.CommandResult)))} --help'.");
        return ExitCodes.UsageError;
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result) =>
        result.Parent is System.CommandLine.Parsing.CommandResult parent && parent.Command is not RootCommand
            ? [.. Path(parent), result.Command.Name]
            : [result.Command.Name];

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
        Ask who may:           guardrails access who --snapshot DIR --action s3:GetObject --resource arn:aws:s3:::bucket/key
        Nightly audits:        guardrails serve --snapshot DIR   (dashboard: http://127.0.0.1:5080/hangfire)

        Exit codes: 0 done, nothing at or above --fail-on; 1 findings at or above --fail-on (or failing rule
        tests, or a request denied to 'access'); 2 bad arguments, invalid guardrails.yaml or unreadable input; 3 the
        rule catalog did not load.
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
        AccessCommand.Create(),
    };
}
