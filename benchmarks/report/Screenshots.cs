using Microsoft.Playwright;

namespace Ocado.Guardrails.Benchmarks.Report;

/// <summary>
/// The screenshots in docs/reports.md, taken from reports a scan wrote (the demo estate's):
/// <c>run.sh --screenshots docs/images --estate out/report.html --customer out/customers/acme/report.html</c>.
/// Each view is opened by its URL fragment, as a shared link would open it.
/// </summary>
internal static class Screenshots
{
    public static async Task<int> TakeAsync(string directory, string estate, string customer)
    {
        Directory.CreateDirectory(directory);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserOptions.Headless);
        var estateUrl = new Uri(Path.GetFullPath(estate)).AbsoluteUri;
        var customerUrl = new Uri(Path.GetFullPath(customer)).AbsoluteUri;

        await ShootAsync(browser, estateUrl, "", "#overview", Path.Combine(directory, "report-overview.png"));
        await ShootAsync(browser, estateUrl, "", "#posture", Path.Combine(directory, "report-posture.png"));
        await ShootAsync(browser, estateUrl, "", "#compliance", Path.Combine(directory, "report-compliance.png"));
        await ShootAsync(browser, estateUrl, "", "#waivers", Path.Combine(directory, "report-waivers.png"));
        await ShootAsync(browser, estateUrl, "#severity=4&sort=rule&dir=asc", "#findings", Path.Combine(directory, "report-findings-filtered.png"), height: 1400);
        await ShootAsync(browser, estateUrl, "#severity=4&resource=0", null, Path.Combine(directory, "report-resource-panel.png"));
        await ShootAsync(browser, estateUrl, "#severity=4", null, Path.Combine(directory, "report-dark.png"), dark: true);
        await ShootAsync(browser, estateUrl, "#verdict=1", "#findings", Path.Combine(directory, "report-1024.png"), width: 1024);
        await ShootAsync(browser, customerUrl, "", "#posture", Path.Combine(directory, "customer-posture.png"));
        await ShootAsync(browser, customerUrl, "", "#compliance", Path.Combine(directory, "customer-compliance.png"));
        return 0;
    }

    private static async Task ShootAsync(IBrowser browser, string url, string fragment, string? section, string path,
        int width = 1440, int height = 1000, bool dark = false)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        await page.GotoAsync(url + fragment);
        await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 120_000 });
        if (section is null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        else
        {
            await page.Locator(section).ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        }
        Console.WriteLine($"wrote {path}");
        await page.CloseAsync();
    }
}
