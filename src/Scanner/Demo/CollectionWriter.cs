using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>Writes <c>collection.json</c>: when the snapshot was taken, what was collected, and the one coverage gap.</summary>
internal static class CollectionWriter
{
    public const string FileName = "collection.json";

    public static void Write(string directory, DemoLayout layout)
    {
        using var stream = JsonOutput.Create(Path.Combine(directory, FileName));
        using var w = new Utf8JsonWriter(stream, JsonOutput.Indented);
        w.WriteStartObject();
        w.WriteString("collectedAt", Iso.Seconds(DemoLayout.CollectedAt));
        w.WriteStartArray("accounts");
        foreach (var account in layout.Collected)
        {
            w.WriteStringValue(account.Id);
        }
        w.WriteEndArray();
        w.WriteStartArray("regions");
        foreach (var region in DemoLayout.Regions)
        {
            w.WriteStringValue(region);
        }
        w.WriteEndArray();
        w.WriteStartArray("gaps");
        w.WriteStartObject();
        w.WriteString("accountId", layout.Gap.Id);
        w.WriteNull("region");
        w.WriteString("source", "sts:AssumeRole");
        w.WriteString("reason",
            $"AccessDenied: User: arn:aws:sts::{layout.Platform.Id}:assumed-role/guardrails-collector/guardrails-scan is not authorized " +
            $"to perform: sts:AssumeRole on resource: arn:aws:iam::{layout.Gap.Id}:role/{DemoLayout.AuditRoleName}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
