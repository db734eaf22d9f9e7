using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// CSRF: a page on another site makes the browser of someone who can reach serve (on the machine
/// itself, or with cached basic credentials) post to it. No state may change without proof that the
/// request comes from one of serve's own pages.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class CrossSiteRequestTests
{
    private static long Jobs(ServeHost host)
    {
        var statistics = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        return statistics.Enqueued + statistics.Scheduled + statistics.Processing + statistics.Succeeded + statistics.Failed + statistics.Deleted;
    }

    private static List<string> RecurringJobs(ServeHost host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return [.. Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Select(j => j.Id).Order(StringComparer.Ordinal)];
    }

    private static HttpRequestMessage Post(string path, IEnumerable<KeyValuePair<string, string>> form, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    [Fact]
    public async Task AnAuditPostFromAnotherOriginIsRefusedAndEnqueuesNothingEvenWithAValidToken()
    {
        await using var host = await ServeHost.StartAsync("");
        var page = await AntiforgeryPage.OpenAsync(host, "/");
        var form = new Dictionary<string, string> { [page.FieldOrHeader] = page.Token };

        using var evil = await host.SendAsync(Post("/audit/acme", form, ("Origin", "http://evil.example"), ("Cookie", page.Cookie)));
        using var opaque = await host.SendAsync(Post("/audit/acme", form, ("Origin", "null"), ("Cookie", page.Cookie)));
        using var crossSite = await host.SendAsync(Post("/audit/acme", form, ("Sec-Fetch-Site", "cross-site"), ("Cookie", page.Cookie)));
        using var sameSite = await host.SendAsync(Post("/audit/acme", form, ("Sec-Fetch-Site", "same-site"), ("Cookie", page.Cookie)));

        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opaque.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sameSite.StatusCode);
        Assert.Equal(0, Jobs(host));
    }

    [Fact]
    public async Task AnAuditPostWithoutTheTokenIsRefusedEvenWithoutAnOriginAndWithTheTokenOfOurPageItIsAccepted()
    {
        await using var host = await ServeHost.StartAsync("");
        var page = await AntiforgeryPage.OpenAsync(host, "/");
        var own = host.Address.GetLeftPart(UriPartial.Authority);

        // An old browser, or a form that sends no Origin: only the token tells our page from another site's.
        using var bare = await host.SendAsync(Post("/audit/acme", []));
        using var cookieOnly = await host.SendAsync(Post("/audit/acme", [], ("Cookie", page.Cookie)));
        using var wrongToken = await host.SendAsync(Post("/audit/acme", new Dictionary<string, string> { [page.FieldOrHeader] = page.Token[..^4] + "AAAA" }, ("Cookie", page.Cookie)));
        Assert.Equal(0, Jobs(host));
        using var accepted = await host.SendAsync(Post("/audit/acme", new Dictionary<string, string> { [page.FieldOrHeader] = page.Token },
            ("Origin", own), ("Sec-Fetch-Site", "same-origin"), ("Cookie", page.Cookie)));

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cookieOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, Jobs(host));
    }

    [Fact]
    public async Task AScriptWithABearerTokenNeedsNoPageTokenButIsStillRefusedFromAnotherOrigin()
    {
        var variable = DashboardUsers.Variable("script-token-of-the-operator");
        await using var host = await ServeHost.StartAsync($"dashboard:\n  bearerTokenVariable: {variable}\n");

        using var script = await host.SendAsync(Post("/audit/globex", [], ("Authorization", "Bearer script-token-of-the-operator")));
        using var crossOrigin = await host.SendAsync(Post("/audit/globex", [], ("Authorization", "Bearer script-token-of-the-operator"), ("Origin", "http://evil.example")));

        Assert.Equal(HttpStatusCode.Accepted, script.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.StatusCode);
        Assert.Equal(1, Jobs(host));
    }

    [Fact]
    public async Task AHangfireFormPostWithoutTheTokenDeletesNoScheduleAndWithTheDashboardsTokenItDoes()
    {
        await using var host = await ServeHost.StartAsync("");
        Assert.Equal(["audit-acme", "audit-estate", "audit-globex"], RecurringJobs(host));
        var remove = new[] { KeyValuePair.Create("jobs[]", "audit-acme") };

        using var forged = await host.SendAsync(Post("/hangfire/recurring/remove", remove));
        using var fromEvil = await host.SendAsync(Post("/hangfire/recurring/remove", remove, ("Origin", "http://evil.example")));
        Assert.Equal(["audit-acme", "audit-estate", "audit-globex"], RecurringJobs(host));
        var dashboard = await AntiforgeryPage.OpenAsync(host, "/hangfire/recurring");
        using var genuine = await host.SendAsync(Post("/hangfire/recurring/remove", remove,
            (dashboard.FieldOrHeader, dashboard.Token), ("Cookie", dashboard.Cookie), ("Origin", host.Address.GetLeftPart(UriPartial.Authority))));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromEvil.StatusCode);
        Assert.True(genuine.IsSuccessStatusCode, genuine.StatusCode.ToString());
        Assert.Equal(["audit-estate", "audit-globex"], RecurringJobs(host));
    }

    [Fact]
    public async Task TheDashboardChecksItsTokenItselfSoEvenAnOperatorsBearerTokenCannotPostToItWithoutOne()
    {
        var variable = DashboardUsers.Variable("operator-script-token");
        await using var host = await ServeHost.StartAsync($"dashboard:\n  bearerTokenVariable: {variable}\n");

        // SameOriginGuard lets a bearer token through; Hangfire.AspNetCore's own antiforgery check does not.
        using var response = await host.SendAsync(Post("/hangfire/recurring/remove", [KeyValuePair.Create("jobs[]", "audit-acme")], ("Authorization", "Bearer operator-script-token")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["audit-acme", "audit-estate", "audit-globex"], RecurringJobs(host));
    }
}
