namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>One HttpClient for every webhook (sockets are pooled); a receiver that hangs is given up on in 30 s.</summary>
internal static class NotifierHttp
{
    public static HttpClient Shared { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
}
