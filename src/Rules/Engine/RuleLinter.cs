using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Checks a rule's header without compiling or running anything: known keys, a severity from the
/// fixed set, an id equal to the file name and starting with its family folder, a title that
/// states the compliant state, a remediation, and resource types the scanner collects; and, from the
/// sandbox, no preprocessor directive and nothing outside the rule's body.
/// </summary>
public static partial class RuleLinter
{
    [GeneratedRegex("^(ensure|check|verify|make sure|validate|detect|find)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImperativeTitle();

    [GeneratedRegex("^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$|^AWS::::Account$")]
    private static partial Regex TypeName();

    /// <summary>Every problem, as <c>path(line,col): error GRxxxx: message</c>; empty when the header is good.</summary>
    public static IReadOnlyList<string> Lint(RuleSource source, IReadOnlySet<string> collectedTypes)
    {
        var (header, bodyLine, errors) = RuleHeaderParser.Parse(source);
        var problems = errors.ToList();
        if (header is null)
        {
            return problems;
        }
        // The sandbox's syntax checks cost no compilation: a #line hidden or a body closed early is named here too.
        var wrapped = RuleWrapper.Wrap(source, bodyLine, RuleCompiler.ClassName(0));
        problems.AddRange(RuleShape.Check(wrapped, Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(wrapped.Text)));
        var fileId = Path.GetFileNameWithoutExtension(source.Path);
        if (header.Id != fileId)
        {
            problems.Add(Problem(source, "id", "GR1101", $"id '{header.Id}' differs from the file name '{fileId}'; they must be equal"));
        }
        var folder = Path.GetFileName(Path.GetDirectoryName(source.Path)) ?? "";
        if (RuleHeader.Families.Contains(folder) && header.Family != folder)
        {
            problems.Add(Problem(source, "id", "GR1102", $"id '{header.Id}' is in the {folder} folder but starts with the family '{header.Family}'"));
        }
        if (!Regex.IsMatch(header.Id, "^[a-z0-9]+(-[a-z0-9]+)+$"))
        {
            problems.Add(Problem(source, "id", "GR1103", $"id '{header.Id}' must be lower-kebab-case, family first"));
        }
        if (ImperativeTitle().IsMatch(header.Title) || header.Title.EndsWith('?'))
        {
            problems.Add(Problem(source, "title", "GR1104", $"title '{header.Title}' must state the compliant state (\"Buckets block public access\"), not an instruction or a question"));
        }
        if (header.Remediation.Length < 20)
        {
            problems.Add(Problem(source, "remediation", "GR1105", "remediation must say how to fix a failure, concretely"));
        }
        foreach (var type in header.ResourceTypes.Where(t => t != "*"))
        {
            if (!TypeName().IsMatch(type))
            {
                problems.Add(Problem(source, "resource-types", "GR1106", $"'{type}' is not a CloudFormation type name (AWS::Service::Type)"));
            }
            else if (!collectedTypes.Contains(type))
            {
                problems.Add(Problem(source, "resource-types", "GR1107", $"'{type}' is not a resource type the scanner collects"));
            }
        }
        return problems;
    }

    private static string Problem(RuleSource source, string key, string code, string message)
    {
        var lines = source.Text.Split('\n');
        var line = Array.FindIndex(lines, l => l.StartsWith($"// {key}:", StringComparison.Ordinal));
        return RuleHeaderParser.Error(source, line < 0 ? 1 : line + 1, 4, code, message);
    }
}
