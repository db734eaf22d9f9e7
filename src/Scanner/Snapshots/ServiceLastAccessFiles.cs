using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads <c>iam/service-last-accessed/KIND/NAME.json</c>, the output of <c>aws iam get-service-last-accessed-details</c>
/// for one user or role, to be attached to it as supplementary configuration (<see cref="UnusedAccess.SupplementaryKey"/>).
/// Only a completed, whole answer is accepted: a job still running, failed or cut short would call granted services unused.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
/// </summary>
internal static class ServiceLastAccessFiles
{
    /// <summary>The file's answer, checked; a <see cref="SnapshotFormatException"/> naming the file when it is not one.</summary>
    public static JsonElement Read(string path, string? root, InputLimits limits)
    {
        using var document = AwsJson.Open(path, root, limits);
        var body = JsonPath.Unwrap(AwsJson.Body(document.RootElement));
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotFormatException($"{path} is {AwsJson.Kind(body)}, not get-service-last-accessed-details output");
        }
        var status = AwsJson.Text(body, "JobStatus", path);
        if (status != "COMPLETED")
        {
            throw new SnapshotFormatException($"{path}: JobStatus is {status ?? "missing"}, not COMPLETED: the services' last use is unknown");
        }
        if (JsonPath.Find(body, "IsTruncated") is { ValueKind: JsonValueKind.True })
        {
            throw new SnapshotFormatException($"{path}: IsTruncated is true: only the first page of services was saved");
        }
        if (!JsonPath.TryGetProperty(body, "ServicesLastAccessed", out var services) || services.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{path}: ServicesLastAccessed is {(services.ValueKind == JsonValueKind.Undefined ? "missing" : AwsJson.Kind(services))}, not a list");
        }
        var index = 0;
        foreach (var service in services.EnumerateArray())
        {
            var where = $"{path}: ServicesLastAccessed[{index++}]";
            if (service.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{where} is {AwsJson.Kind(service)}, not an object");
            }
            if (string.IsNullOrWhiteSpace(AwsJson.Text(service, "ServiceNamespace", where)))
            {
                throw new SnapshotFormatException($"{where}: ServiceNamespace is missing");
            }
            if (AwsJson.Text(service, "LastAuthenticated", where) is { } date
                && !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                // An unreadable date would read as "never used": refuse the file rather than guess.
                throw new SnapshotFormatException($"{where}: LastAuthenticated '{date}' is not a date");
            }
        }
        return body.Clone();
    }
}
