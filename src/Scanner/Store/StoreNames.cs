using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>How verdicts, severities and statuses are spelt in the store: as in findings.json, so that SQL over the tables reads the same.</summary>
internal static class StoreNames
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.NotAssessed => "notAssessed",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(FindingStatus status) => status.ToString().ToLowerInvariant();

    public static Verdict ToVerdict(string text) => Enum.Parse<Verdict>(text, ignoreCase: true);

    public static Severity ToSeverity(string text) => Enum.Parse<Severity>(text, ignoreCase: true);

    public static FindingStatus? ToStatus(string? text) => text is null ? null : Enum.Parse<FindingStatus>(text, ignoreCase: true);
}
