using System.Text.Json;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads <c>aws service-quotas list-service-quotas</c> output (or one <c>get-service-quota</c>) and
/// turns each applied quota into an <c>AWS::ServiceQuotas::Quota</c> resource, with the usage we
/// count from the inventory as supplementary configuration <c>Usage</c> where we know how.
/// </summary>
internal static class QuotaFiles
{
    public static List<JsonElement> Read(string path) => Read(path, null, InputLimits.Default);

    public static List<JsonElement> Read(string path, string? root, InputLimits limits)
    {
        using var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        List<JsonElement> quotas;
        if (JsonPath.Find(body, "Quotas") is { ValueKind: JsonValueKind.Array } list)
        {
            quotas = list.EnumerateArray().Select(q => q.Clone()).ToList();
        }
        else if (JsonPath.Find(body, "Quota") is { ValueKind: JsonValueKind.Object } one)
        {
            quotas = [one.Clone()];
        }
        else
        {
            throw new SnapshotFormatException($"{path}: not Service Quotas output: expected Quotas (a list) or Quota (an object)");
        }
        for (var i = 0; i < quotas.Count; i++)
        {
            var where = $"{path}: quota {i}";
            if (quotas[i].ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{where} is {AwsJson.Kind(quotas[i])}, not an object");
            }
            foreach (var key in new[] { "QuotaCode", "ServiceCode", "QuotaArn", "QuotaName" })
            {
                AwsJson.Text(quotas[i], key, where);
            }
            if (AwsJson.Text(quotas[i], "QuotaCode", where) is null)
            {
                throw new SnapshotFormatException($"{where} has no QuotaCode");
            }
        }
        return quotas;
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
        Attribution.CheckArn(arn, accountId, $"quota {code}");
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
