using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Checks a rule's header without compiling or running anything: known keys, a severity from the
/// fixed set, an id equal to the file name and starting with its family folder, a title that
/// states the compliant state, a remediation, and resource types the scanner collects; and, from the
/// sandbox, no preprocessor directive and nothing outside the rule's body; no text left from the
/// <c>rules new</c> template, and no parameter read that the header does not declare.
/// </summary>
public static partial class RuleLinter
{
    [GeneratedRegex("^(ensure|check|verify|make sure|validate|detect|find)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImperativeTitle();

    [GeneratedRegex("^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$|^AWS::::Account$")]
    private static partial Regex TypeName();

    [GeneratedRegex("""\bParams\s*\.\s*(Number|String|Strings|Bool|Get)\s*\(\s*"(?<name>[^"]*)"\s*""")]
    private static partial Regex ParameterRead();

    /// <summary>The rationale <c>guardrails rules new</c> writes, to be replaced by the author's.</summary>
    public const string TemplateRationale = "Say why a failure matters: who is hurt, and how.";

    /// <summary>The remediation <c>guardrails rules new</c> writes, to be replaced by the author's.</summary>
    public const string TemplateRemediation = "Say how to fix a failure, concretely: the console page, the CLI command or the template property.";

    /// <summary>The reference <c>guardrails rules new</c> writes: the documentation's front page, to be replaced by the page that applies.</summary>
    public const string TemplateReference = "https://docs.aws.amazon.com/";

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
        foreach (var (key, value, placeholder) in new[]
        {
            ("rationale", header.Rationale, TemplateRationale),
            ("remediation", header.Remediation, TemplateRemediation),
            ("references", header.References.Contains(TemplateReference) ? TemplateReference : "", TemplateReference),
        })
        {
            if (value.Contains(placeholder, StringComparison.Ordinal))
            {
                problems.Add(Problem(source, key, "GR1108", $"{key} is still the text of the rules new template ('{placeholder}'); write this rule's own"));
            }
        }
        var lines = source.Text.Split('\n');
        for (var i = bodyLine - 1; i < lines.Length; i++)
        {
            foreach (Match read in ParameterRead().Matches(lines[i]))
            {
                var name = read.Groups["name"].Value;
                if (header.Parameters.All(p => p.Name != name))
                {
                    problems.Add(RuleHeaderParser.Error(source, i + 1, read.Index + 1, "GR1109",
                        $"the rule reads the parameter '{name}' but its header does not declare it: add '// param: {name} (TYPE) = DEFAULT: MEANING'"));
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// What works but misbehaves on a loaded worker, as <c>path(line,col): warning GRxxxx: message</c>: a Regex match
    /// timeout under a second written as a constant (<see cref="RegexTimeoutCheck"/>). Lint reports these without failing.
    /// </summary>
    public static IReadOnlyList<string> Warnings(RuleSource source)
    {
        var (header, bodyLine, _) = RuleHeaderParser.Parse(source);
        if (header is null)
        {
            return [];
        }
        var wrapped = RuleWrapper.Wrap(source, bodyLine, RuleCompiler.ClassName(0));
        return RegexTimeoutCheck.Check(wrapped, Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(wrapped.Text)).ToList();
    }

    private static string Problem(RuleSource source, string key, string code, string message)
    {
        var lines = source.Text.Split('\n');
        var line = Array.FindIndex(lines, l => l.StartsWith($"// {key}:", StringComparison.Ordinal));
        return RuleHeaderParser.Error(source, line < 0 ? 1 : line + 1, 4, code, message);
    }
}
