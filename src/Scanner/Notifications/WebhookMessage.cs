using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>
/// The JSON a webhook is sent: Slack's incoming-webhook message (<c>text</c>), a Microsoft Teams
/// MessageCard (what an Office 365 connector or a Workflows "post to a channel" webhook accepts), or a
/// generic form with every section as data for a receiver of one's own.
/// See https://api.slack.com/messaging/webhooks and
/// https://learn.microsoft.com/en-us/outlook/actionable-messages/message-card-reference
/// </summary>
internal static class WebhookMessage
{
    public static string Json(Digest digest, string format) => format switch
    {
        "slack" => new JsonObject { ["text"] = $"{DigestText.Title(digest)}\n\n{DigestText.Body(digest)}" }.ToJsonString(),
        "teams" => new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = DigestText.Title(digest),
            ["title"] = DigestText.Title(digest),
            // Teams reads the text as markdown: a blank line between lines keeps them apart.
            ["text"] = DigestText.Body(digest).Replace("\n", "\n\n", StringComparison.Ordinal),
            ["potentialAction"] = new JsonArray(new JsonObject
            {
                ["@type"] = "OpenUri",
                ["name"] = "Open the report",
                ["targets"] = new JsonArray(new JsonObject { ["os"] = "default", ["uri"] = digest.ReportLink }),
            }),
        }.ToJsonString(),
        _ => JsonSerializer.Serialize(new
        {
            scanId = digest.ScanId,
            scope = digest.Scope,
            report = digest.ReportLink,
            newFailures = digest.NewFailures.Select(f => new { f.RuleId, severity = f.Severity.ToString().ToLowerInvariant(), f.ResourceArn, f.AccountId, f.Region, f.Message }),
            resolved = digest.Resolved.Select(f => new { f.RuleId, f.ResourceArn, f.AccountId, f.Message }),
            quotaForecasts = digest.Forecasts.Select(f => new { f.ResourceArn, f.AccountId, f.Region, f.Message }),
            expiringWaivers = digest.ExpiringWaivers.Select(w => new { rule = w.Rule, account = w.Account, resource = w.Resource, expires = w.ExpiresText, owner = w.Owner }),
            newCoverageGaps = digest.Gaps.Select(g => new { g.AccountId, g.Region, g.Source, g.Reason }),
        }, JsonOptions),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
