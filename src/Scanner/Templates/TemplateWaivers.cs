using System.Globalization;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Waivers a template carries beside the resource they excuse:
/// <c>Metadata: { guardrails: { waivers: [{ rule, reason, expires }] } }</c>. A waiver needs a reason;
/// one past its expiry date no longer applies, so the finding comes back on its own.
/// </summary>
internal static class TemplateWaivers
{
    /// <summary>The reason of a live waiver of <paramref name="ruleId"/> on the resource, or null.</summary>
    public static string? Find(TemplateResource resource, string ruleId, DateTimeOffset now)
    {
        var waivers = resource.Metadata["guardrails"]?["waivers"] as JsonArray ?? [];
        foreach (var waiver in waivers.OfType<JsonObject>())
        {
            var rule = waiver["rule"]?.ToString();
            var reason = waiver["reason"]?.ToString();
            if (rule != ruleId || string.IsNullOrWhiteSpace(reason))
            {
                continue;
            }
            if (waiver["expires"]?.ToString() is { Length: > 0 } expires
                && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                && until < now)
            {
                continue;
            }
            return reason;
        }
        return null;
    }
}
