using System.Text;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>The digest as lines of text (Slack's and Teams' markdown both read "*bold*"-free plain lines well).</summary>
internal static class DigestText
{
    /// <summary>At most this many items of a section are listed; the report has the rest.</summary>
    public const int MaxItems = 20;

    public static string Title(Digest digest) => $"Guardrails audit {digest.ScanId} of {digest.Scope}";

    /// <summary>The digest's sections that have something to say, each with its first <see cref="MaxItems"/> lines and how many more the report has.</summary>
    public static IEnumerable<DigestSection> Sections(Digest digest)
    {
        (string Title, IEnumerable<string> Items)[] all =
        [
            ("New failures", digest.NewFailures.Select(Line)),
            ("Resolved", digest.Resolved.Select(Line)),
            ("Quotas forecast to run out", digest.Forecasts.Select(f => f.Message)),
            ("Waivers expiring soon", digest.ExpiringWaivers.Select(w => $"{w.Rule} on {w.Account ?? w.Resource}: expires {w.ExpiresText} (owner {w.Owner})")),
            ("New coverage gaps", digest.Gaps.Select(g => $"account {g.AccountId} {g.Region ?? "global"} ({g.Source}): {g.Reason}")),
        ];
        foreach (var (title, items) in all)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                yield return new DigestSection(title, list.Count, [.. list.Take(MaxItems)]);
            }
        }
    }

    public static string Body(Digest digest)
    {
        var text = new StringBuilder();
        foreach (var section in Sections(digest))
        {
            text.Append(section.Title).Append(" (").Append(section.Count).AppendLine("):");
            foreach (var item in section.Items)
            {
                text.Append("- ").AppendLine(item);
            }
            if (section.More > 0)
            {
                text.Append("- … and ").Append(section.More).AppendLine(" more in the report");
            }
            text.AppendLine();
        }
        text.Append("Report: ").Append(digest.ReportLink);
        return text.ToString();
    }

    private static string Line(Finding f) => $"[{f.Severity}] {f.RuleId} {f.ResourceArn} (account {f.AccountId}): {f.Message}";
}

/// <summary>One section of a digest: its title, how many items it has, and those listed.</summary>
internal sealed record DigestSection(string Title, int Count, IReadOnlyList<string> Items)
{
    public int More => Count - Items.Count;
}
