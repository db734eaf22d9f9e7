using Microsoft.AspNetCore.Http;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The Host header values serve answers to. A web page whose DNS name is rebound to 127.0.0.1 makes
/// the browser send its own name as Host: refusing unknown names keeps such a page off the trusted
/// loopback path. See https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/host-filtering
/// </summary>
internal static class ServeHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Binding to every address names no host a client would use.</summary>
    private static readonly string[] Wildcards = ["0.0.0.0", "[::]", "::", "*", "+"];

    public static IReadOnlyList<string> Allowed(DashboardSettings settings, string urls) =>
        [.. Loopback.Concat(Bound(urls)).Concat(settings.AllowedHosts).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>True when serve listens on every address and so must be told the names clients use.</summary>
    public static bool ListensEverywhere(string urls) => Addresses(urls).Any(a => Wildcards.Contains(a.Host, StringComparer.Ordinal));

    private static IEnumerable<string> Bound(string urls) =>
        Addresses(urls).Select(a => a.Host).Where(h => !Wildcards.Contains(h, StringComparer.Ordinal));

    private static IEnumerable<BindingAddress> Addresses(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BindingAddress.Parse);
}
