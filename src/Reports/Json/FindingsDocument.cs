using System.Text.Json;
using System.Text.Json.Serialization;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Json;

/// <summary>The shape of findings.json, for reading it back; <see cref="FindingsJson"/> writes the same shape by hand.</summary>
internal sealed record FindingsDocument(
    ScanSection Scan,
    SummarySection Summary,
    CoverageSection Coverage,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ScanTrendPoint>? Trend = null,
    Dictionary<string, IReadOnlyList<ScanTrendPoint>>? CustomerTrends = null)
{
    /// <summary>Strict: a missing field or an unknown verdict is an error, not a silent default.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}

internal sealed record ScanSection(string Id, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

internal sealed record SummarySection(int Resources, Dictionary<string, FamilySummary> Evaluations, Dictionary<string, AccountCounts>? Counts = null);

internal sealed record CoverageSection(IReadOnlyList<CoverageGap> Gaps);
