using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// <c>guardrails check</c>: reads and maps each template, then evaluates the resources with the scan's own
/// evaluator (<see cref="ScanEvaluator"/>), so that a template and the deployed resource are judged alike.
/// All templates share one inventory, so a role in one file finds a managed policy defined in another. A
/// nested stack whose TemplateURL is a local file brings that template in too. Each finding carries the
/// place of its fault (the statement or tag its evidence names, else its logical id); a waiver in the
/// resource's Metadata suppresses it there.
/// </summary>
internal sealed class TemplateCheck(RuleCatalog catalog, Estate estate, Func<string, RuleParams> paramsFor, DateTimeOffset now)
{
    public ScanResult Run(IReadOnlyList<string> paths, TemplateContext context)
    {
        var (mapped, files, unreadable) = Read(paths, context);
        var inventory = new Inventory(mapped.SelectMany(m => m.Resources.Select(r => r.Resource)).ToList());
        var evaluator = new Evaluator(catalog, estate, inventory, paramsFor, now, keepsMessages: true);
        var scan = new ScanEvaluator(evaluator, estate, []) { IncludePasses = true };
        var locator = new FaultLocator(mapped);
        var findings = new List<Finding>();
        var summary = RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
        foreach (var template in mapped)
        {
            foreach (var resource in template.Resources)
            {
                // One resource at a time: its findings are placed at its logical id, whatever ARN it was given.
                var (evaluated, counts) = scan.Run([resource.Resource], CancellationToken.None);
                foreach (var finding in evaluated)
                {
                    var placed = Placed(finding, template, resource, locator);
                    findings.Add(placed);
                    if (placed.Verdict == Verdict.Suppressed)
                    {
                        // The evaluator counted a Fail or an Error; the waiver moves it, so the summary agrees with the list.
                        counts[finding.Family].Suppress(finding.Verdict);
                    }
                }
                foreach (var (family, count) in counts)
                {
                    summary[family].Add(count);
                }
            }
        }
        return new ScanResult
        {
            ScanId = $"check-{now:yyyyMMdd'T'HHmmss'Z'}",
            StartedAt = now,
            FinishedAt = now,
            Resources = mapped.Sum(m => m.Resources.Count),
            Evaluations = summary,
            Gaps = [],
            // The verdicts against rules in file order (passes last), as a reviewer reads the templates.
            Findings = [.. findings.Where(f => f.Verdict != Verdict.Pass)
                .OrderBy(f => f.Location!.File, StringComparer.Ordinal).ThenBy(f => f.Location!.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal),
                .. findings.Where(f => f.Verdict == Verdict.Pass)],
            Rules = [.. evaluator.Rules.Select(r => r.Header)],
            RulesOff = catalog.Off,
            Estate = estate,
            SourceFiles = files,
            UnreadableFiles = unreadable,
            NotAssessed = [.. mapped.SelectMany(m => m.NotAssessed.Select(n =>
                new NotAssessedResource(new SourceLocation(m.Template.Path, n.Source.Line, n.Source.Column, n.Source.LogicalId), n.Source.Type, n.Reason)))],
        };
    }

    /// <summary>The templates named, then the local templates of their nested stacks, each once; what cannot be read is an error.</summary>
    private static (List<MappedTemplate> Mapped, List<string> Files, List<string> Unreadable) Read(IReadOnlyList<string> paths, TemplateContext context)
    {
        var unreadable = new List<string>();
        var mapped = new List<MappedTemplate>();
        var files = new List<string>(paths);
        var seen = new HashSet<string>(paths.Select(Path.GetFullPath), StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                var template = TemplateMapper.Map(TemplateReader.Read(files[i]), context);
                mapped.Add(template);
                files.AddRange(template.NestedTemplates.Where(seen.Add));
            }
            catch (TemplateException ex)
            {
                unreadable.Add(ex.Message);
            }
            catch (Exception ex) when (Snapshots.SnapshotReader.Unreadable(ex))
            {
                // A template is the boundary: whatever a hostile one makes the mapper throw is that template's error (exit 2), not a crash.
                unreadable.Add($"{files[i]}: the template could not be read: {ex.Message}");
            }
        }
        return (mapped, files, unreadable);
    }

    /// <summary>
    /// The finding where its fault is written (the statement or tag its evidence names, else the resource's logical
    /// id), named by the resource's logical id, of the template's own type; a live waiver in its Metadata suppresses it.
    /// </summary>
    private Finding Placed(Finding finding, MappedTemplate template, MappedResource resource, FaultLocator locator)
    {
        var source = resource.Source;
        var waiver = finding.Verdict is Verdict.Fail or Verdict.Error ? TemplateWaivers.Find(source, finding.RuleId, now) : null;
        var (file, line, column) = locator.Locate(finding.Evidence, template, resource);
        return finding with
        {
            ResourceType = source.Type,
            Verdict = waiver is null ? finding.Verdict : Verdict.Suppressed,
            Location = new SourceLocation(file, line, column, source.LogicalId) { Waiver = waiver },
        };
    }
}
