using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports;

/// <summary>findings.json's figures: the summary with its counts (what pass rates are drawn from) and the trends.</summary>
public static partial class FindingsJson
{
    private static void WriteSummary(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartObject("summary");
        writer.WriteNumber("resources", result.Resources);
        writer.WriteStartObject("evaluations");
        foreach (var (family, counts) in result.Evaluations.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(family);
            writer.WriteNumber("pass", counts.Pass);
            writer.WriteNumber("fail", counts.Fail);
            writer.WriteNumber("error", counts.Error);
            writer.WriteNumber("skip", counts.Skip);
            writer.WriteNumber("notAssessed", counts.NotAssessed);
            writer.WriteNumber("suppressed", counts.Suppressed);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        if (result.Counts is { } scanCounts)
        {
            WriteCounts(writer, scanCounts);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Per account, each rule's evaluations by verdict and each cited control's resources; a count of 0
    /// is left out, so that an account's entry holds only what happened in it.
    /// </summary>
    private static void WriteCounts(Utf8JsonWriter writer, ScanCounts counts)
    {
        static void Number(Utf8JsonWriter writer, string name, int value)
        {
            if (value != 0)
            {
                writer.WriteNumber(name, value);
            }
        }
        writer.WriteStartObject("counts");
        foreach (var (accountId, account) in counts.Accounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(accountId);
            writer.WriteStartObject("rules");
            foreach (var (ruleId, rule) in account.Rules.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(ruleId);
                Number(writer, "pass", rule.Pass);
                Number(writer, "fail", rule.Fail);
                Number(writer, "error", rule.Error);
                Number(writer, "skip", rule.Skip);
                Number(writer, "notAssessed", rule.NotAssessed);
                Number(writer, "suppressed", rule.Suppressed);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteStartObject("controls");
            foreach (var (control, resources) in account.Controls.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(control);
                Number(writer, "passing", resources.Passing);
                Number(writer, "failing", resources.Failing);
                Number(writer, "notAssessed", resources.NotAssessed);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>The scan's trend, and each customer's; written only when the scan was recorded in a store.</summary>
    private static void WriteTrends(Utf8JsonWriter writer, ScanResult result)
    {
        if (result.Trend.Count > 0)
        {
            writer.WritePropertyName("trend");
            WriteTrendPoints(writer, result.Trend);
        }
        if (result.CustomerTrends.Count > 0)
        {
            writer.WriteStartObject("customerTrends");
            foreach (var (customer, trend) in result.CustomerTrends.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(customer);
                WriteTrendPoints(writer, trend);
            }
            writer.WriteEndObject();
        }
    }

    private static void WriteTrendPoints(Utf8JsonWriter writer, IReadOnlyList<ScanTrendPoint> trend)
    {
        writer.WriteStartArray();
        foreach (var point in trend)
        {
            writer.WriteStartObject();
            writer.WriteString("scanId", point.ScanId);
            writer.WriteString("finishedAt", point.FinishedAt);
            writer.WriteNumber("new", point.New);
            writer.WriteNumber("open", point.Open);
            writer.WriteNumber("resolved", point.Resolved);
            writer.WriteNumber("suppressed", point.Suppressed);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
