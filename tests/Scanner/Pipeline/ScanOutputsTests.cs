using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// A scan's files are written by as many writers as there are formats, each going on to the next directory's file when
/// it ends: every directory still gets every format, each written from its own directory's findings.
/// </summary>
public sealed class ScanOutputsTests
{
    [Fact]
    public async Task EveryDirectoryGetsEveryFormatWrittenFromItsOwnFindings()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var estate = new TinyEstate().Compliant("logs").Untagged("reports").Untagged("exports").Write();
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = estate.Directory, ConfigPath = estate.ConfigPath, OutputDirectory = estate.Directory, RulePaths = [] };
        var result = (await new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent).EvaluateAsync(options, cancellationToken)).Result;
        ReportFormat[] formats = [ReportFormat.Json, ReportFormat.Html, ReportFormat.Csv];
        var output = Path.Combine(estate.Directory, "out");

        var written = await ScanOutputs.WriteAsync(result, output, customer: null, formats, homeRegion: null, cancellationToken);

        string[] directories = [output, Path.Combine(output, "customers", "acme"), Path.Combine(output, "customers", "globex")];
        Assert.Equal(directories.SelectMany(d => formats.Select(f => Path.Combine(d, ReportFormats.FileName(f)))), written);
        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 0, file));
        foreach (var (directory, scan) in directories.Zip(new[] { result, CustomerScope.For(result, "acme"), CustomerScope.For(result, "globex") }))
        {
            using var alone = new MemoryStream();
            await ReportFormats.WriteAsync(ReportFormat.Csv, scan, alone, new ReportOptions(), cancellationToken);
            Assert.Equal(alone.ToArray(), await File.ReadAllBytesAsync(Path.Combine(directory, ReportFormats.FileName(ReportFormat.Csv)), cancellationToken));
        }
        Assert.Contains(TinyEstate.Arn("reports"), await File.ReadAllTextAsync(Path.Combine(directories[1], "findings.json"), cancellationToken));
        Assert.DoesNotContain(TinyEstate.Arn("reports"), await File.ReadAllTextAsync(Path.Combine(directories[2], "findings.json"), cancellationToken));
    }

    [Fact]
    public async Task AWarmUpWritesNoFileAndLeavesTheScanAsItWas()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var estate = new TinyEstate().Compliant("logs").Untagged("reports").Write();
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = estate.Directory, ConfigPath = estate.ConfigPath, OutputDirectory = estate.Directory, RulePaths = [] };
        var result = (await new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent).EvaluateAsync(options, cancellationToken)).Result;
        var json = FindingsJson.ToJson(result);
        var files = Directory.GetFileSystemEntries(estate.Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        await ScanOutputs.WarmUpAsync(result, [ReportFormat.Json, ReportFormat.Html, ReportFormat.Csv], homeRegion: null, cancellationToken);

        Assert.Equal(files, Directory.GetFileSystemEntries(estate.Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Equal(json, FindingsJson.ToJson(result));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScanOutputs.WarmUpAsync(result, [ReportFormat.Html], homeRegion: null, cancelled.Token));
    }
}
