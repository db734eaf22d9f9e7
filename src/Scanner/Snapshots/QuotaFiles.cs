using System.Text.Json;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads <c>aws service-quotas list-service-quotas</c> output (or one <c>get-service-quota</c>) and
/// turns each applied quota into an <c>AWS::ServiceQuotas::Quota</c> resource, with the usage we
/// count from the inventory as supplementary configuration <c>Usage</c> where we know how.
/// </summary>
internal static class QuotaFiles
{
    public static List<JsonElement> Read(string path)
    {
        using var document = AwsJson.Open(path);
        var body = AwsJson.Body(document.RootElement);
        if (JsonPath.Find(body, "Quotas") is { ValueKind: JsonValueKind.Array } list)
        {
            return list.EnumerateArray().Select(q => q.Clone()).ToList();
        }
        if (JsonPath.Find(body, "Quota") is { ValueKind: JsonValueKind.Object } one)
        {
            return [one.Clone()];
        }
        throw new SnapshotFormatException($"{path}: not Service Quotas output: expected Quotas or Quota");
    }

    /// <param name="collected">Whether resources of a type were collected in the quota's account and region; a count of
    /// what was not collected would read as zero usage, a pass it has not earned.</param>
    public static Resource ToResource(JsonElement quota, string accountId, string region, InventoryCounts counts, Func<string, bool>? collected = null)
    {
        var code = JsonPath.Find(quota, "QuotaCode")?.GetString() ?? throw new SnapshotFormatException("a quota without QuotaCode");
        var service = JsonPath.Find(quota, "ServiceCode")?.GetString() ?? "";
        var arnText = JsonPath.Find(quota, "QuotaArn")?.GetString()?.Trim();
        // Default quotas carry no account in their ARN (arn:aws:servicequotas:us-east-2::ec2/L-1216C47A): the folder says whose it is.
        var arn = Arn.TryParse(arnText, out var parsed) && parsed.AccountId.Length > 0
            ? parsed.ToString()
            : $"arn:aws:servicequotas:{region}:{accountId}:{service}/{code}";
        var supplementary = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        var rule = QuotaUsageTable.Find(code);
        if (rule is not null && collected?.Invoke(rule.ResourceType) == false)
        {
            supplementary["UsageUnknown"] = JsonSerializer.SerializeToElement($"{rule.ResourceType} was not collected in {accountId} {region}");
        }
        else if (rule is not null)
        {
            var scope = rule.Global ? "the account" : region;
            var usage = counts.Count(rule.ResourceType, accountId, rule.Global ? null : region);
            supplementary["Usage"] = JsonSerializer.SerializeToElement(new UsageEntry(usage, $"{usage} {rule.ResourceType} in {scope}"));
        }
        return new Resource
        {
            Type = ResourceTypeNames.Quota,
            Arn = arn,
            Id = code,
            Name = JsonPath.Find(quota, "QuotaName")?.GetString() ?? code,
            AccountId = accountId,
            Region = region,
            Configuration = quota,
            SupplementaryConfiguration = supplementary,
        };
    }

    private sealed record UsageEntry(int value, string source);
}
