using System.Text;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>The digest as lines of text (Slack's and Teams' markdown both read "*bold*"-free plain lines well).</summary>
internal static class DigestText
{
    /// <summary>At most this many items of a section are listed; the report has the rest.</summary>
    public const int MaxItems = 20;

    public static string Title(Digest digest) => $"Guardrails audit {digest.ScanId} of {digest.Scope}";

    public static string Body(Digest digest)
    {
        var text = new StringBuilder();
        Section(text, "New failures", digest.NewFailures.Select(Line));
        Section(text, "Resolved", digest.Resolved.Select(Line));
        Section(text, "Quotas forecast to run out", digest.Forecasts.Select(f => f.Message));
        Section(text, "Waivers expiring soon", digest.ExpiringWaivers.Select(w => $"{w.Rule} on {w.Account ?? w.Resource}: expires {w.ExpiresText} (owner {w.Owner})"));
        Section(text, "New coverage gaps", digest.Gaps.Select(g => $"account {g.AccountId} {g.Region ?? "global"} ({g.Source}): {g.Reason}"));
        text.Append("Report: ").Append(digest.ReportLink);
        return text.ToString();
    }

    private static string Line(Finding f) => $"[{f.Severity}] {f.RuleId} {f.ResourceArn} (account {f.AccountId}): {f.Message}";

    private static void Section(StringBuilder text, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }
        text.Append(title).Append(" (").Append(list.Count).AppendLine("):");
        foreach (var item in list.Take(MaxItems))
        {
            text.Append("- ").AppendLine(item);
        }
        if (list.Count > MaxItems)
        {
            text.Append("- … and ").Append(list.Count - MaxItems).AppendLine(" more in the report");
        }
        text.AppendLine();
    }
}
