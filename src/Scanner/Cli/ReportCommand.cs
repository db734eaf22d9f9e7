using System.CommandLine;
using System.Text.Json;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// <c>guardrails report</c>: renders a findings.json again, in any format, for the whole estate or
/// one customer. Rule headers come from the catalog (read, not compiled); the estate from
/// guardrails.yaml when given, else from the findings themselves.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The findings.json to render", Required = true };
        var format = new Option<string>("--format") { Description = "html, json, csv, sarif, junit or asff", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong([.. ReportFormats.Names]);
        var output = new Option<string?>("--out") { Description = "The file to write (default: standard output)" };
        var customer = new Option<string?>("--customer") { Description = "Render one customer's part only, other customers' names and accounts redacted (needs --config)" };
        var config = new Option<string?>("--config") { Description = "guardrails.yaml: customers' names and accounts (default: the customers the findings name, by id)" };
        var rules = new Option<string[]>("--rules") { Description = "Rule files or folders whose headers describe the rules (default: the rules-catalog folder)", AllowMultipleArgumentsPerToken = true };
        var title = new Option<string?>("--title") { Description = "The HTML report's title (default: the customer's name, or \"AWS estate\")" };
        var homeRegion = new Option<string?>("--home-region") { Description = "ASFF: the Security Hub region for global resources (default: the estate's first region)" };

        var command = new Command("report", "Render a findings.json again as report.html, findings.json, CSV, SARIF 2.1.0, JUnit XML or ASFF.")
        {
            from, format, output, customer, config, rules, title, homeRegion,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new Request(
                parse.GetValue(from)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(customer),
                parse.GetValue(config), parse.GetValue(rules) ?? [], parse.GetValue(title), parse.GetValue(homeRegion));
            return await RunAsync(request, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    internal sealed record Request(
        string From, string Format, string? Output, string? Customer, string? Config, string[] Rules, string? Title, string? HomeRegion);

    internal static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!ReportFormats.TryParse(request.Format, out var format))
        {
            await stderr.WriteLineAsync($"error: unknown format '{request.Format}'; use one of {string.Join(", ", ReportFormats.Names)}");
            return ExitCodes.UsageError;
        }
        if (request.Customer is not null && request.Config is null)
        {
            // Without the estate the other customers' names are unknown, and could not be redacted.
            await stderr.WriteLineAsync("error: --customer needs --config guardrails.yaml, which names the other customers to redact");
            return ExitCodes.UsageError;
        }
        FindingsFile findings;
        Estate estate;
        try
        {
            await using (var stream = File.OpenRead(request.From))
            {
                findings = FindingsJson.Read(stream);
            }
            estate = request.Config is null ? EstateOf(findings.Findings) : GuardrailsConfig.Load(request.Config).Estate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await stderr.WriteLineAsync($"error: cannot read {request.From}: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }

        var result = findings.ToScanResult(RuleHeaders(request.Rules, stderr), estate);
        var heading = "AWS estate";
        if (request.Customer is { } customerId)
        {
            if (estate.Customers.FirstOrDefault(c => c.Id == customerId) is not { } kept)
            {
                await stderr.WriteLineAsync($"error: no customer '{customerId}' in {request.Config}; customers: {string.Join(", ", estate.Customers.Select(c => c.Id))}");
                return ExitCodes.UsageError;
            }
            result = CustomerScope.For(result, customerId);
            heading = kept.Name;
        }

        var options = new ReportOptions { Title = request.Title ?? heading, HomeRegion = request.HomeRegion };
        if (request.Output is null)
        {
            await stdout.WriteAsync(await ReportFormats.ToStringAsync(format, result, options, cancellationToken));
            await stdout.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        var path = Path.GetFullPath(request.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Whole or not at all: a failure half-way must not leave a truncated report where the last one was.
        await Pipeline.AtomicFile.WriteAsync(path, file => ReportFormats.WriteAsync(format, result, file, options, cancellationToken), cancellationToken);
        await stderr.WriteLineAsync($"wrote {path} ({ReportFormats.Name(format)}, {result.Findings.Count:N0} findings)");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The headers of the catalog's rules, read without compiling. A catalog that is missing or has a
    /// broken header costs only descriptions: the findings are rendered by rule id.
    /// </summary>
    private static IReadOnlyList<RuleHeader> RuleHeaders(string[] paths, TextWriter stderr)
    {
        try
        {
            var sources = RuleCatalogFiles.Sources(paths.Length > 0 ? paths : [RuleCatalogFiles.DefaultCatalog()]);
            return [.. sources.Select(s => RuleHeaderParser.Parse(s).Header).OfType<RuleHeader>()];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"warning: no rule headers ({ex.Message}); rules are shown by id only");
            return [];
        }
    }

    /// <summary>An estate of the customers the findings name, each known by its id, with the accounts its findings are in.</summary>
    private static Estate EstateOf(IReadOnlyList<Finding> findings)
    {
        var customers = findings.Where(f => f.Customer is not null)
            .GroupBy(f => f.Customer!, StringComparer.Ordinal)
            .Select(g => new Customer(g.Key, g.Key, [.. g.Select(f => f.AccountId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var regions = findings.Select(f => f.Region).Where(r => r != "global").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Estate(customers, [], regions);
    }
}
