using Microsoft.Playwright;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// A report.html opened from a file in its own browser context, watched for anything a hostile
/// value could make it do: a dialog, a request (every request but the file itself is aborted and
/// recorded), a script error, a Content-Security-Policy violation, a changed title.
/// </summary>
internal sealed class ReportTab : IAsyncDisposable
{
    /// <summary>Installed before the page's own script runs; Playwright's init scripts are not subject to the page's CSP.</summary>
    private const string WatchViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly List<string> _dialogs = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];
    private IBrowserContext? _context;

    private ReportTab()
    {
    }

    public IPage Page { get; private set; } = default!;

    public string Url { get; private set; } = "";

    public string TitleAtLoad { get; private set; } = "";

    public IReadOnlyList<string> Dialogs => _dialogs;

    public IReadOnlyList<string> Requests => _requests;

    public async Task<string[]> ViolationsAsync() => await Page.EvaluateAsync<string[]>("() => window.__violations");

    public static async Task<ReportTab> OpenAsync(IBrowser browser, string html) => await OpenAsync(browser, html, 1440);

    /// <summary>Opens the report in a window <paramref name="width"/> pixels wide (1024 for the smallest supported screen).</summary>
    public static async Task<ReportTab> OpenAsync(IBrowser browser, string html, int width)
    {
        var tab = new ReportTab();
        var path = Path.Combine(tab._directory.Path, "report.html");
        await File.WriteAllTextAsync(path, html, TestContext.Current.CancellationToken);
        tab.Url = new Uri(path).AbsoluteUri;
        tab._context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 1000 }, AcceptDownloads = true });
        await tab._context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == tab.Url)
            {
                await route.ContinueAsync();
                return;
            }
            lock (tab._requests)
            {
                tab._requests.Add("routed " + route.Request.Url);
            }
            await route.AbortAsync();
        });
        var page = await tab._context.NewPageAsync();
        tab.Page = page;
        page.Dialog += (_, dialog) =>
        {
            lock (tab._dialogs)
            {
                tab._dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }
            _ = dialog.DismissAsync();
        };
        page.Request += (_, request) =>
        {
            if (request.Url != tab.Url)
            {
                lock (tab._requests)
                {
                    tab._requests.Add(request.Url);
                }
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (tab._errors)
                {
                    tab._errors.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (tab._errors)
            {
                tab._errors.Add("page error: " + error);
            }
        };
        await page.AddInitScriptAsync(WatchViolations);
        await page.GotoAsync(tab.Url);
        await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        tab.TitleAtLoad = await page.TitleAsync();
        return tab;
    }

    /// <summary>Nothing ran that the report did not mean to run, and nothing left the page.</summary>
    public async Task AssertNothingRanAsync(string expectedTitle)
    {
        // A dialog or request raised by the last action may still be on its way.
        await Page.WaitForTimeoutAsync(250);
        Assert.Empty(_dialogs);
        Assert.Empty(_requests);
        Assert.Empty(_errors);
        Assert.Empty(await ViolationsAsync());
        Assert.Equal(expectedTitle, TitleAtLoad);
        Assert.Equal(expectedTitle, await Page.TitleAsync());
    }

    /// <summary>A full-page screenshot in artifacts/screenshots, kept as a test artifact.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = false)
    {
        var directory = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = fullPage });
    }

    /// <summary>
    /// Opens <paramref name="url"/> (this report, with a fragment) in a second page of the same
    /// context, as someone following a shared link would, and waits until its findings are shown.
    /// </summary>
    public async Task<IPage> OpenLinkAsync(string url)
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return page;
    }

    public async Task<string> TextAsync(string selector) => await Page.Locator(selector).InnerTextAsync();

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        _directory.Dispose();
    }
}
