namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Where each service is reached, by the SDKs' convention: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
/// then <c>AWS_ENDPOINT_URL</c>, then AWS's public endpoint for the region.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
/// </summary>
internal sealed class AwsEndpoints(Func<string, string?> environment)
{
    public static AwsEndpoints FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>The configured endpoint override for a service, or null for AWS's own.</summary>
    public Uri? Override(AwsService service)
    {
        var url = environment("AWS_ENDPOINT_URL_" + service.EnvironmentName);
        if (string.IsNullOrWhiteSpace(url))
        {
            url = environment("AWS_ENDPOINT_URL");
        }
        return string.IsNullOrWhiteSpace(url) ? null : new Uri(url.Trim(), UriKind.Absolute);
    }

    public Uri For(AwsService service, string region)
    {
        if (Override(service) is { } custom)
        {
            return custom;
        }
        // China regions use amazonaws.com.cn. https://docs.amazonaws.cn/en_us/aws/latest/userguide/endpoints-Beijing.html
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return service.GlobalRegion is not null && !region.StartsWith("cn-", StringComparison.Ordinal)
            ? new Uri($"https://{service.GlobalHost ?? service.EndpointPrefix + "." + suffix}/")
            : new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}/");
    }
}
