using System.Text;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>Posts the digest as JSON to a webhook. The URL is the secret (Slack and Teams keep the token in its path).</summary>
internal sealed class WebhookSender(HttpClient http, string url, string format) : IDigestSender
{
    public async Task SendAsync(Digest digest, CancellationToken cancellationToken)
    {
        using var content = new StringContent(WebhookMessage.Json(digest, format), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(url), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public bool IsTransient(Exception exception) => exception is HttpRequestException or TaskCanceledException;

    public string Describe(Exception exception) => Mask(exception.Message, url);

    /// <summary>An error with the URL (and its path, where Slack and Teams keep the secret) blotted out.</summary>
    public static string Mask(string message, string url)
    {
        var masked = message.Replace(url, "***", StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 1
            ? masked.Replace(uri.PathAndQuery, "/***", StringComparison.Ordinal)
            : masked;
    }
}
