using System.Globalization;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Reads a row of the IAM credential report (supplementaryConfiguration.CredentialReport of a user): every
/// column a string, dates in ISO 8601, and "N/A", "no_information" or "not_supported" where AWS has no date.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
/// </summary>
public static class CredentialReport
{
    /// <summary>The date in a column, or null when the column is missing or holds one of AWS's "no date" words.</summary>
    public static DateTimeOffset? Date(JsonElement row, string column) =>
        JsonPath.Find(row, column) is { ValueKind: JsonValueKind.String } value
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when
            : null;
}
