using Microsoft.Playwright;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright through its executable
/// path: nothing is downloaded (never run `playwright install`). scripts/test.sh installs the
/// package when it is missing. Without it a test fails in CI (CI=true), since a skipped test proves
/// nothing, and skips elsewhere with a message saying how to get it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// No sandbox (tests run as root in a container); no shared memory (/dev/shm is small there); no
    /// GPU; and none of the browser's own traffic, so that the only requests a page makes are its own.
    /// </summary>
    public static readonly BrowserTypeLaunchOptions LaunchOptions = new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _unavailable = $"Chromium is not installed at {ExecutablePath} (scripts/test.sh installs it: apt-get install -y chromium)";
            return;
        }
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(LaunchOptions);
        }
        catch (PlaywrightException ex)
        {
            _unavailable = $"Chromium at {ExecutablePath} did not start: {ex.Message}";
        }
    }

    /// <summary>The browser, or the test stops here: failed in CI, skipped elsewhere.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is not null)
            {
                return _browser;
            }
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(_unavailable!);
            }
            Assert.Skip(_unavailable!);
            throw new InvalidOperationException(_unavailable);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
