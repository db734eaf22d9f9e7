using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
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
    /// <param name="folder">The file's folder (<c>role/</c> or <c>user/</c>), checked once for all its files.</param>
    public static JsonElement Read(string path, string? root, InputLimits limits, InputFolder? folder = null) =>
        // One file per user and role: read from a pooled buffer, and only the checked answer's copy kept.
        AwsJson.Read(path, root, limits, document => Checked(JsonPath.Unwrap(AwsJson.Body(document)), path).Clone(), folder);

    private static JsonElement Checked(JsonElement body, string path)
    {
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
            // One file per user and role, a few entries each: an entry's checks copy no string unless it is refused.
            var at = index++;
            if (service.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{Where(path, at)} is {AwsJson.Kind(service)}, not an object");
            }
            if (Blank(StringValue(service, "ServiceNamespace", path, at)))
            {
                throw new SnapshotFormatException($"{Where(path, at)}: ServiceNamespace is missing");
            }
            if (StringValue(service, "LastAuthenticated", path, at) is { } date && !date.TryGetDateTimeOffset(out _)
                && !DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                // An unreadable date would read as "never used": refuse the file rather than guess.
                throw new SnapshotFormatException($"{Where(path, at)}: LastAuthenticated '{date.GetString()}' is not a date");
            }
        }
        return body;
    }

    /// <summary>An entry's property that is text or null (null when absent), refused as <see cref="AwsJson.Text"/> refuses it, but not copied.</summary>
    private static JsonElement? StringValue(JsonElement service, string name, string path, int at)
    {
        if (!JsonPath.TryGetProperty(service, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SnapshotFormatException($"{Where(path, at)}: {name} is {AwsJson.Kind(value)}, not a string");
        }
        if (JsonMarshal.GetRawUtf8Value(value).Contains((byte)'\\'))
        {
            // An escape that is no character is refused here, as a copy would refuse it.
            value.GetString();
        }
        return value;
    }

    private static string Where(string path, int at) => $"{path}: ServicesLastAccessed[{at}]";

    /// <summary>As <see cref="string.IsNullOrWhiteSpace"/>: without an escape or a non-ASCII byte, a JSON string's only blank is the space.</summary>
    private static bool Blank(JsonElement? value)
    {
        if (value is not { } text)
        {
            return true;
        }
        // The raw text of a string value is quoted: its text is what lies between the quotes.
        var raw = JsonMarshal.GetRawUtf8Value(text)[1..^1];
        return raw.Contains((byte)'\\') || !Ascii.IsValid(raw) ? string.IsNullOrWhiteSpace(text.GetString()) : !raw.ContainsAnyExcept((byte)' ');
    }
}
