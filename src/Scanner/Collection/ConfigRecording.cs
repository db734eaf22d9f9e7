using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// What the Config recorder of an account and region records, and how often (<c>DescribeConfigurationRecorders</c>):
/// a resource type counts as watched only where a recorder records it continuously, so that a change of it since the
/// previous collection is in the change feed. A recorder may record only some types (<c>recordingGroup</c>'s
/// <c>INCLUSION_BY_RESOURCE_TYPES</c> / <c>EXCLUSION_BY_RESOURCE_TYPES</c>), or some daily (<c>recordingMode</c>'s
/// <c>DAILY</c>, or an override naming the type): a daily change may be recorded up to a day after it happened.
/// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html
/// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingMode.html
/// </summary>
internal sealed class ConfigRecording
{
    private readonly List<JsonElement> _recorders;

    private ConfigRecording(List<JsonElement> recorders) => _recorders = recorders;

    /// <summary>The recorders of a <c>DescribeConfigurationRecorders</c> answer; anything not of its shape records nothing.</summary>
    public static ConfigRecording Of(JsonElement answer) => new(
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("ConfigurationRecorders", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => r.Clone()).ToList()
            : []);

    /// <summary>Why a change of <paramref name="type"/> might be missing from the change feed, or null when some recorder records it continuously.</summary>
    public string? WhyNotWatched(string type) =>
        _recorders.Count == 0 ? "no Config recorder is described"
        : _recorders.Any(r => Records(r, type) && Frequency(r, type) == "CONTINUOUS") ? null
        : _recorders.Where(r => Records(r, type)).Select(r => Frequency(r, type)).FirstOrDefault() is { } frequency
            ? $"the Config recorder records {type} {(frequency.Length == 0 ? "at no stated frequency" : frequency)}, not continuously"
        : $"the Config recorder does not record {type}";

    private static bool Records(JsonElement recorder, string type)
    {
        if (!recorder.TryGetProperty("recordingGroup", out var group) || group.ValueKind != JsonValueKind.Object)
        {
            // AWS's default recording group: every supported type (the API always returns one; its absence proves nothing more).
            return false;
        }
        var strategy = group.TryGetProperty("recordingStrategy", out var s) && s.TryGetProperty("useOnly", out var only) && only.ValueKind == JsonValueKind.String
            ? only.GetString() : null;
        var all = group.TryGetProperty("allSupported", out var a) && a.ValueKind == JsonValueKind.True;
        return strategy switch
        {
            "EXCLUSION_BY_RESOURCE_TYPES" => !Types(group.TryGetProperty("exclusionByResourceTypes", out var e) ? e : default).Contains(type),
            "INCLUSION_BY_RESOURCE_TYPES" => Types(group).Contains(type),
            "ALL_SUPPORTED_RESOURCE_TYPES" => all,
            null => all || Types(group).Contains(type),
            _ => false,
        };
    }

    /// <summary>CONTINUOUS or DAILY for the type: an override naming it, else the recorder's default (CONTINUOUS when unset, as before recording modes).</summary>
    private static string Frequency(JsonElement recorder, string type)
    {
        if (!recorder.TryGetProperty("recordingMode", out var mode) || mode.ValueKind != JsonValueKind.Object)
        {
            return "CONTINUOUS";
        }
        if (mode.TryGetProperty("recordingModeOverrides", out var overrides) && overrides.ValueKind == JsonValueKind.Array)
        {
            foreach (var o in overrides.EnumerateArray())
            {
                if (Types(o).Contains(type))
                {
                    return Text(o, "recordingFrequency");
                }
            }
        }
        return Text(mode, "recordingFrequency");
    }

    private static HashSet<string> Types(JsonElement holder) =>
        holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("resourceTypes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    private static string Text(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
