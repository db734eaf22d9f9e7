using System.Text.Json;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes an account's <c>aws service-quotas list-service-quotas</c> files, one per region and service, once its
/// resources are counted: a quota's value is planted (<see cref="QuotaPlant"/>) or comfortably above its usage.
/// Global quotas (IAM, S3) are written under us-east-1 only, where AWS reports them.
/// </summary>
internal static class QuotaWriter
{
    public const string QuotaType = "AWS::ServiceQuotas::Quota";

    public static void Write(AccountContext context)
    {
        var regional = QuotaUsageTable.Rules.Where(r => !r.Global).ToList();
        foreach (var region in DemoLayout.Regions)
        {
            WriteRegion(context, region, regional, global: false);
        }
        WriteRegion(context, DemoLayout.GlobalRegion, [.. QuotaUsageTable.Rules.Where(r => r.Global)], global: true);
    }

    private static void WriteRegion(AccountContext context, string region, List<QuotaUsageRule> rules, bool global)
    {
        foreach (var service in rules.Select(r => r.ServiceCode).Distinct(StringComparer.Ordinal))
        {
            var path = SnapshotLayout.QuotaFile(context.Directory, region, service);
            using var stream = SnapshotWriter.Create(path);
            using var writer = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
            writer.WriteStartObject();
            writer.WriteStartArray("Quotas");
            foreach (var rule in rules.Where(r => r.ServiceCode == service))
            {
                var usage = context.UsageOf(rule.ResourceType, global ? null : region);
                var info = QuotaCatalog.For(service, rule.QuotaCode);
                var plant = QuotaPlant.Find(context.Account, region, rule.QuotaCode);
                var value = plant?.Value ?? Math.Max(info.DefaultValue, (2 * usage) + 1);
                var adjustable = plant?.Adjustable ?? info.Adjustable;
                var arn = WriteQuota(writer, context, region, service, info.ServiceName, rule.QuotaCode, rule.QuotaName, value, "None", adjustable, global);
                foreach (var (ruleId, why) in QuotaRules.Evaluate(usage, value, adjustable))
                {
                    context.Violation(ruleId, arn, $"{rule.QuotaName} in {(global ? "the account" : region)}: {why}");
                }
            }
            foreach (var extra in QuotaCatalog.Uncounted.Where(e => e.ServiceCode == service))
            {
                WriteQuota(writer, context, region, service, QuotaCatalog.ServiceNames[service], extra.QuotaCode,
                    extra.QuotaName, extra.Value, extra.Unit, extra.Adjustable, global);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static string WriteQuota(Utf8JsonWriter writer, AccountContext context, string region, string service,
        string serviceName, string code, string name, int value, string unit, bool adjustable, bool global)
    {
        var arn = $"arn:aws:servicequotas:{region}:{context.Id}:{service}/{code}";
        writer.WriteStartObject();
        writer.WriteString("ServiceCode", service);
        writer.WriteString("ServiceName", serviceName);
        writer.WriteString("QuotaArn", arn);
        writer.WriteString("QuotaCode", code);
        writer.WriteString("QuotaName", name);
        writer.WriteNumber("Value", (double)value);
        writer.WriteString("Unit", unit);
        writer.WriteBoolean("Adjustable", adjustable);
        writer.WriteBoolean("GlobalQuota", global);
        writer.WriteEndObject();
        context.Count(QuotaType, region);
        return arn;
    }
}
