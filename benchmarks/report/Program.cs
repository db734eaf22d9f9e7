using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Ocado.Guardrails.Benchmarks.Report;
using Ocado.Guardrails.Reports;

// Renders a large report.html, opens it in headless Chromium and prints how long it takes to open
// and to filter, and how big it is. Figures only: nothing here asserts a time (the tests never do).
if (Array.IndexOf(args, "--screenshots") >= 0)
{
    // The screenshots of docs/reports.md, from reports a scan wrote: see Screenshots.cs.
    return await Screenshots.TakeAsync(OptionText("--screenshots", "docs/images"), OptionText("--estate", "out/report.html"),
        OptionText("--customer", "out/customers/acme/report.html"));
}
var findings = Option("--findings", 100_000);
var runs = Option("--runs", 3);
var outDirectory = Path.GetFullPath(OptionText("--out", Path.Combine("artifacts", "benchmark-report")));
Directory.CreateDirectory(outDirectory);
var report = Path.Combine(outDirectory, "report.html");

var clock = Stopwatch.StartNew();
var scan = SyntheticScan.Build(findings);
var built = clock.Elapsed;
clock.Restart();
await using (var writer = new StreamWriter(report))
{
    await new HtmlReportRenderer().RenderAsync(scan, "Benchmark estate", writer, CancellationToken.None);
}
var rendered = clock.Elapsed;
var size = new FileInfo(report).Length;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(BrowserOptions.Headless);
var opens = new List<double>();
var readyMarks = new List<double>();
var selectFilters = new List<double>();
var textFilters = new List<double>();
var resets = new List<double>();
for (var run = 0; run < runs; run++)
{
    var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
    clock.Restart();
    await page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
    await page.WaitForSelectorAsync("html[data-ready='true'] #findings-body tr", new PageWaitForSelectorOptions { Timeout = 120_000 });
    opens.Add(clock.Elapsed.TotalMilliseconds);
    readyMarks.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('guardrails-ready')[0].startTime"));
    selectFilters.Add(await TimeAsync(page, "severity", "4"));
    textFilters.Add(await TimeAsync(page, "text", "orders-004242"));
    resets.Add(await TimeAsync(page, "reset", ""));
    await page.CloseAsync();
}

Console.WriteLine($"report.html: {findings:N0} findings, {size / 1024.0 / 1024.0:N1} MB ({size:N0} bytes), built in {built.TotalSeconds:N1} s, rendered in {rendered.TotalSeconds:N1} s");
Console.WriteLine($"  at {report}");
Console.WriteLine($"Chromium {browser.Version}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, median of {runs} runs:");
Console.WriteLine($"  time to open (navigation to first page of findings on screen): {Median(opens):N0} ms  (runs: {string.Join(", ", opens.Select(Ms))})");
Console.WriteLine($"    of which in the page (navigation start to the ready mark):  {Median(readyMarks):N0} ms");
Console.WriteLine($"  time to filter by severity (change to next frame painted):     {Median(selectFilters):N0} ms  (runs: {string.Join(", ", selectFilters.Select(Ms))})");
Console.WriteLine($"  time to filter by free text (after the 150 ms typing pause):    {Median(textFilters):N0} ms  (runs: {string.Join(", ", textFilters.Select(Ms))})");
Console.WriteLine($"  time to reset every filter:                                     {Median(resets):N0} ms");
return 0;

// From the event to the next painted frame, measured by the page's own clock. The free-text box
// waits 150 ms for typing to pause before it filters; that pause is subtracted.
static async Task<double> TimeAsync(IPage page, string kind, string value) =>
    await page.EvaluateAsync<double>(
        """
        async ([kind, value]) => {
          const count = document.getElementById('match-count');
          const before = count.textContent;
          const start = performance.now();
          if (kind === 'reset') {
            document.getElementById('filters').reset();
          } else {
            const target = kind === 'text' ? document.getElementById('filter-text') : document.querySelector('select[data-filter="' + kind + '"]');
            target.value = value;
            target.dispatchEvent(new Event(kind === 'text' ? 'input' : 'change', { bubbles: true }));
          }
          while (count.textContent === before) {
            await new Promise(resolve => setTimeout(resolve, 2));
          }
          await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - start - (kind === 'text' ? 150 : 0);
        }
        """,
        new[] { kind, value });

// Other work on the machine slows the browser down: the figures are read against it.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

int Option(string name, int fallback) =>
    int.TryParse(OptionText(name, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

string OptionText(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
