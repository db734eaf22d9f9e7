using System.Globalization;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The date formats AWS writes, each where AWS writes it.</summary>
internal static class Iso
{
    /// <summary>AWS Config: 2026-10-31T23:12:45.123Z.</summary>
    public static string Millis(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>IAM and collection.json: 2026-10-31T23:12:45Z.</summary>
    public static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The IAM credential report: 2026-01-05T10:00:00+00:00.</summary>
    public static string CredentialReport(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
