using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// guardrails.yaml's <c>notifications:</c>: where the digest of each audit goes. Secrets (a webhook's
/// URL, which is its credential; an SMTP password) are named by environment variable, never written here.
/// <code>
/// notifications:
///   reportUrl: https://guardrails.example.com/reports   # the digest's links (default: the report file)
///   waiverDays: 14                                      # waivers expiring within this many days
///   channels:
///     - { name: secops, webhook: SLACK_WEBHOOK_URL, format: slack, minSeverity: high }
///     - { name: acme, webhook: ACME_TEAMS_URL, format: teams, customer: acme }
///     - name: acme-mail
///       customer: acme
///       email: { host: smtp.example.com, from: guardrails@example.com, to: [cloud@acme.example] }
/// </code>
/// A channel is a webhook or an email (see <see cref="EmailSettings"/>), never both.
/// </summary>
internal sealed record NotificationSettings
{
    public static readonly string[] Formats = ["slack", "teams", "generic"];

    public string? ReportUrl { get; init; }
    public int WaiverDays { get; init; } = 14;
    public IReadOnlyList<NotificationChannel> Channels { get; init; } = [];

    public static NotificationSettings Read(JsonNode? node, IReadOnlyCollection<string> customers, List<string> errors)
    {
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "notifications", errors, "reportUrl", "waiverDays", "channels");
        var channels = new List<NotificationChannel>();
        foreach (var (item, index) in (section?["channels"] as JsonArray ?? []).Select((n, i) => (n as JsonObject, i)))
        {
            var path = $"notifications.channels[{index}]";
            ConfigValues.KnownKeys(item, path, errors, "name", "webhook", "format", "email", "minSeverity", "customer");
            var channel = new NotificationChannel
            {
                Name = ConfigValues.Text(item?["name"]) ?? "",
                WebhookVariable = ConfigValues.Text(item?["webhook"]),
                Email = item?["email"] is { } email ? EmailSettings.Read(email, $"{path}.email", errors) : null,
                Format = ConfigValues.Text(item?["format"]) ?? "generic",
                MinSeverity = ConfigValues.Text(item?["minSeverity"]) is { } text && Enum.TryParse<Severity>(text, ignoreCase: true, out var severity) ? severity : Severity.High,
                Customer = ConfigValues.Text(item?["customer"]),
            };
            if (channel.Name.Length == 0 || channels.Any(c => c.Name == channel.Name))
            {
                errors.Add($"{path}.name: each channel needs a name of its own (deliveries are recorded by it)");
            }
            if ((channel.WebhookVariable is null) == (channel.Email is null))
            {
                errors.Add($"{path}: a channel is either a webhook (webhook: VARIABLE) or an email (email: {{host, from, to, ...}}), one of the two");
            }
            if (channel.WebhookVariable is { } variable && !ConfigValues.VariableName().IsMatch(variable))
            {
                errors.Add($"{path}.webhook: '{variable}' is not an environment variable name (the URL is a secret: it never goes in guardrails.yaml)");
            }
            if (!Formats.Contains(channel.Format, StringComparer.Ordinal))
            {
                errors.Add($"{path}.format: '{channel.Format}' is not one of {string.Join(", ", Formats)}");
            }
            if (channel.Email is not null && item?["format"] is not null)
            {
                errors.Add($"{path}.format: an email is sent as plain text and HTML; format is a webhook's setting");
            }
            if (ConfigValues.Text(item?["minSeverity"]) is { } given && !Enum.TryParse<Severity>(given, ignoreCase: true, out _))
            {
                errors.Add($"{path}.minSeverity: '{given}' is not critical, high, medium, low or info");
            }
            if (channel.Customer is { } customer && !customers.Contains(customer))
            {
                errors.Add($"{path}.customer: no customer '{customer}' in the estate");
            }
            channels.Add(channel);
        }
        return new NotificationSettings
        {
            ReportUrl = ConfigValues.Text(section?["reportUrl"]),
            WaiverDays = ConfigValues.Integer(section?["waiverDays"], "notifications.waiverDays", 0, errors) ?? 14,
            Channels = channels,
        };
    }
}

/// <summary>One destination of the digest, with its own threshold and, for a customer's channel, its own scope.</summary>
internal sealed record NotificationChannel
{
    public required string Name { get; init; }
    /// <summary>The environment variable holding the webhook's URL; null for an email channel.</summary>
    public string? WebhookVariable { get; init; }
    /// <summary>The SMTP server and recipients; null for a webhook channel.</summary>
    public EmailSettings? Email { get; init; }
    /// <summary>A webhook's JSON: slack, teams (an Office 365 connector card) or generic.</summary>
    public string Format { get; init; } = "generic";
    public Severity MinSeverity { get; init; } = Severity.High;
    /// <summary>When set, the channel hears of this customer's findings only, never another's.</summary>
    public string? Customer { get; init; }
}
