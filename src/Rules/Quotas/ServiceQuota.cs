using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// Reads an <c>AWS::ServiceQuotas::Quota</c> resource: its configuration is the quota object as
/// <c>ListServiceQuotas</c> returns it (<c>ServiceCode</c>, <c>QuotaCode</c>, <c>QuotaName</c>,
/// <c>Value</c>, <c>Adjustable</c>), and <c>supplementaryConfiguration.Usage</c> is
/// <c>{"value": n, "source": "..."}</c> when the scanner could count the usage. Numbers and booleans are
/// accepted as JSON values or as strings, since Config and hand-made snapshots give either.
/// See https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ServiceQuota.html
/// </summary>
public static partial class ServiceQuota
{
    public static string ServiceCode(Resource quota) => quota.ConfigString("ServiceCode") ?? ArnPart(quota, service: true);

    /// <summary>The quota code (<c>L-F678F1CE</c>), from the configuration or else the ARN.</summary>
    public static string Code(Resource quota) => quota.ConfigString("QuotaCode") ?? ArnPart(quota, service: false);

    public static string Name(Resource quota) => quota.ConfigString("QuotaName") ?? Code(quota);

    /// <summary>What a message calls the quota: <c>vpc L-F678F1CE "VPCs per Region"</c>.</summary>
    public static string Describe(Resource quota) => $"{ServiceCode(quota)} {Code(quota)} \"{Name(quota)}\"";

    /// <summary>The applied value of the quota, or null when it is missing or not a number.</summary>
    public static double? Value(Resource quota) => Number(quota.Config("Value"));

    /// <summary>The usage the scanner counted, or null when it is unknown.</summary>
    public static double? Usage(Resource quota) =>
        quota.Supplementary("Usage") is { ValueKind: JsonValueKind.Object } usage ? Number(JsonPath.Find(usage, "value")) : Number(quota.Supplementary("Usage"));

    /// <summary>How the usage was counted (<c>4 AWS::EC2::VPC in eu-west-1</c>), or "".</summary>
    public static string UsageSource(Resource quota) =>
        quota.Supplementary("Usage", "source") is { ValueKind: JsonValueKind.String } source ? source.GetString()! : "";

    /// <summary>
    /// What a quota's verdict rests on: the quota, its applied value, the usage counted and how it was counted
    /// (each when known); a rule adds the threshold it compared them with.
    /// </summary>
    public static Evidence EvidenceOf(Resource quota)
    {
        var evidence = Evidence.Value("quota", Describe(quota));
        evidence = Value(quota) is { } value ? evidence.And("value", value) : evidence.And("value", (string?)null);
        evidence = Usage(quota) is { } usage ? evidence.And("usage", usage) : evidence.And("usage", (string?)null);
        return UsageSource(quota) is { Length: > 0 } source ? evidence.And("usageSource", source) : evidence;
    }

    /// <summary>Whether the quota can be raised on request; null when the configuration does not say.</summary>
    public static bool? Adjustable(Resource quota) =>
        quota.Config("Adjustable") switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString()?.Trim(), out var b) => b,
            _ => null,
        };

    /// <summary>Why the usage of a quota is unknown, for a Skip message.</summary>
    public static string WhyUsageUnknown(Resource quota) =>
        QuotaUsageTable.Find(Code(quota)) is { } rule
            ? $"its usage was not computed although it is counted from {rule.ResourceType}: check that {rule.ResourceType} was collected in account {quota.AccountId}"
            : "the scanner cannot count its usage (it is not in the quota usage table); watch it with a CloudWatch alarm on its usage metric instead";

    /// <summary>
    /// Whether usage ≥ fraction × value, exact at the boundary (4 of 5 reaches 0.8 although 0.8 × 5 is
    /// not exactly 4 in binary floating point).
    /// </summary>
    public static bool Reaches(double usage, double fraction, double value) =>
        usage >= fraction * value - (1e-9 * Math.Max(1, Math.Abs(value)));

    /// <summary>
    /// The CLI command that asks AWS for a higher value: by default twice the larger of the value and
    /// the usage, so that the quota has room to grow. See
    /// https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html
    /// </summary>
    public static string IncreaseCommand(Resource quota, double? desiredValue = null)
    {
        var desired = desiredValue ?? Math.Max(1, 2 * Math.Max(Value(quota) ?? 0, Usage(quota) ?? 0));
        var region = Arn.TryParse(quota.Arn, out var arn) && arn.Region.Length > 0 ? arn.Region : quota.Region;
        var regionOption = region is "" or "global" ? "" : $" --region {region}";
        return FormattableString.Invariant(
            $"aws service-quotas request-service-quota-increase{regionOption} --service-code {ServiceCode(quota)} --quota-code {Code(quota)} --desired-value {Math.Ceiling(desired)}");
    }

    /// <summary>A number given as a JSON number or a numeric string; null otherwise.</summary>
    public static double? Number(JsonElement? element) =>
        element switch
        {
            { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };

    /// <summary>The service or the quota code from an ARN such as <c>arn:aws:servicequotas:eu-west-1:111111111111:vpc/L-F678F1CE</c>.</summary>
    private static string ArnPart(Resource quota, bool service) =>
        Arn.TryParse(quota.Arn, out var arn) ? (service ? arn.ResourceType : arn.ResourceId) : (service ? "" : quota.Id);
}
