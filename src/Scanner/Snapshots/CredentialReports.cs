using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads a decoded IAM credential report (CSV, one row per user, <c>&lt;root_account&gt;</c> first):
/// each row becomes a JSON object of its columns, attached to the user as supplementary configuration.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
/// </summary>
internal static class CredentialReports
{
    public const string SupplementaryKey = "CredentialReport";

    /// <summary>Rows by user ARN; a report that is not one (a column twice, a row of another account) is refused whole.</summary>
    public static Dictionary<string, JsonElement> Read(string path, string? root, string account, InputLimits limits)
    {
        // Decoded as the CSV reader goes, from a pooled buffer: a report of a few thousand users is no array and string of its own.
        using var text = InputFile.ReadPooled(path, root, limits);
        var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var reader = new StreamReader(text.AsStream(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Contains("arn"))
        {
            throw new SnapshotFormatException($"{path}: not an IAM credential report: expected a header with user,arn,...");
        }
        if (header.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SnapshotFormatException($"{path}: the header names column '{twice.Key}' twice: which one is the user's is unknown");
        }
        var arnColumn = Array.IndexOf(header, "arn");
        var json = new ArrayBufferWriter<byte>();
        while (csv.Read())
        {
            // Every field read first, as a refusal of a missing one came first; named only when refused (a row per user).
            var row = Row(header, csv, json);
            var where = Place.Entry(path, "line ", csv.Parser.RawRow);
            var arn = csv.GetField(arnColumn) ?? "";
            if (!Arn.TryParse(arn, out _))
            {
                throw new SnapshotFormatException($"{where}: '{arn}' is not an ARN");
            }
            Attribution.CheckArn(arn, account, where);
            if (rows.ContainsKey(arn))
            {
                throw new SnapshotFormatException($"{where}: {arn} has a second row: which one is the user's is unknown");
            }
            rows.Add(arn, row);
        }
        return rows;
    }

    /// <summary>The row as a JSON object of its columns, in the header's order, written straight from the fields.</summary>
    private static JsonElement Row(string[] header, CsvReader csv, ArrayBufferWriter<byte> json)
    {
        json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                writer.WriteString(header[i], csv.GetField(i) ?? "");
            }
            writer.WriteEndObject();
        }
        var reader = new Utf8JsonReader(json.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
