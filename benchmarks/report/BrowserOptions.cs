using Microsoft.Playwright;

namespace Ocado.Guardrails.Benchmarks.Report;

/// <summary>Debian's Chromium, as the browser tests launch it: nothing is downloaded.</summary>
internal static class BrowserOptions
{
    public static BrowserTypeLaunchOptions Headless { get; } = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"],
    };
}
