using System.Net;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// What a browser holds after opening a page of serve: the antiforgery cookie it was given and the
/// token the page carries (in a form field on /, in the csrf-header and csrf-token meta tags of the Hangfire dashboard, which its script sends back as a header).
/// </summary>
internal sealed partial record AntiforgeryPage(string Cookie, string FieldOrHeader, string Token)
{
    public static async Task<AntiforgeryPage> OpenAsync(ServeHost host, string path, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("guardrails-antiforgery=", StringComparison.Ordinal));
        var field = FormField().Match(html);
        if (field.Success)
        {
            return new AntiforgeryPage(cookie, WebUtility.HtmlDecode(field.Groups[1].Value), WebUtility.HtmlDecode(field.Groups[2].Value));
        }
        var header = HangfireHeader().Match(html);
        var token = HangfireToken().Match(html);
        Assert.True(header.Success && token.Success, $"no antiforgery token in {path}");
        return new AntiforgeryPage(cookie, WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex FormField();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex HangfireHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex HangfireToken();
}
