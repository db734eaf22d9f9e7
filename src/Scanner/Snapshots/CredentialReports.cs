using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a decoded IAM credential report (CSV, one row per user, <c>&lt;root_account&gt;</c> first):
/// each row becomes a JSON object of its columns, attached to the user as supplementary configuration.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
/// </summary>
internal static class CredentialReports
{
    public const string SupplementaryKey = "CredentialReport";

    /// <summary>Rows by user ARN.</summary>
    public static Dictionary<string, JsonElement> Read(string path)
    {
        var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Contains("arn"))
        {
            throw new SnapshotFormatException($"{path}: not an IAM credential report: expected a header with user,arn,...");
        }
        while (csv.Read())
        {
            var row = header.ToDictionary(column => column, column => csv.GetField(column) ?? "", StringComparer.Ordinal);
            rows[row["arn"]] = JsonSerializer.SerializeToElement(row);
        }
        return rows;
    }
}
