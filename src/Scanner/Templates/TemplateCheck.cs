using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Runs the catalog on templates: reads and maps each one, then evaluates the same rules the nightly
/// scan runs on the mapped resources. All templates share one inventory, so a role in one file finds
/// a managed policy defined in another. A nested stack whose TemplateURL is a local file brings that
/// template in too.
/// </summary>
internal sealed class TemplateCheck(RuleCatalog catalog, Estate estate, Func<string, RuleParams> paramsFor, DateTimeOffset now)
{
    public CheckResult Run(IReadOnlyList<string> paths, TemplateContext context)
    {
        var unreadable = new List<string>();
        var mapped = new List<MappedTemplate>();
        // The templates named, then the local templates of their nested stacks, each once.
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
        }
        var inventory = new Inventory(mapped.SelectMany(m => m.Resources.Select(r => r.Resource)).ToList());
        var evaluator = new Evaluator(catalog, estate, inventory, paramsFor, now);
        var findings = new List<TemplateFinding>();
        var passes = new List<TemplateFinding>();
        foreach (var template in mapped)
        {
            foreach (var resource in template.Resources)
            {
                for (var i = 0; i < evaluator.Rules.Count; i++)
                {
                    var header = evaluator.Rules[i].Header;
                    if (!header.AppliesTo(resource.Resource.Type))
                    {
                        continue;
                    }
                    var result = evaluator.Evaluate(i, resource.Resource);
                    if (result.Verdict is Verdict.Pass)
                    {
                        passes.Add(Finding(template, resource, header, result, null));
                    }
                    else if (result.Verdict is Verdict.Fail or Verdict.Error)
                    {
                        var waiver = TemplateWaivers.Find(resource.Source, header.Id, now);
                        findings.Add(Finding(template, resource, header, result, waiver));
                    }
                }
            }
        }
        return new CheckResult
        {
            Findings = findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList(),
            Passes = passes,
            NotAssessed = mapped.SelectMany(m => m.NotAssessed.Select(n => (m.Template.Path, n))).ToList(),
            Unreadable = unreadable,
            Files = files,
            Rules = [.. evaluator.Rules.Select(r => r.Header)],
        };
    }

    private static TemplateFinding Finding(MappedTemplate template, MappedResource resource, RuleHeader header, RuleResult result, string? waiver) => new()
    {
        File = template.Template.Path,
        LogicalId = resource.Source.LogicalId,
        Line = resource.Source.Line,
        Column = resource.Source.Column,
        ResourceType = resource.Source.Type,
        ResourceArn = resource.Resource.Arn,
        AccountId = resource.Resource.AccountId,
        Region = resource.Resource.Region,
        RuleId = header.Id,
        RuleTitle = header.Title,
        Severity = header.Severity,
        Verdict = result.Verdict,
        Message = result.Message,
        WaivedBecause = waiver,
    };
}
