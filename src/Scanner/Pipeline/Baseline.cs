using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// The findings a team has accepted for now (<c>--create-baseline FILE</c>), so that <c>--fail-on</c> fails only on
/// what is new since (<c>--baseline FILE</c>), as Checkov's baseline does. A finding is known by its rule and its
/// resource: the ARN for a scan, the file and logical id for a check. The findings stay in every report: a baseline
/// changes the exit code, never what is shown.
/// </summary>
internal sealed class Baseline
{
    private const int Version = 1;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly HashSet<(string RuleId, string Resource)> _accepted;

    private Baseline(HashSet<(string, string)> accepted) => _accepted = accepted;

    public int Count => _accepted.Count;

    public bool Contains(Finding finding) => _accepted.Contains((finding.RuleId, Resource(finding)));

    /// <summary>The unwaived Fail and Error findings, which is what a baseline accepts.</summary>
    public static void Write(string path, IEnumerable<Finding> findings)
    {
        var entries = findings.Where(f => f.Verdict is Verdict.Fail or Verdict.Error)
            .Select(f => (f.RuleId, Resource: Resource(f))).Distinct()
            .OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Resource, StringComparer.Ordinal)
            .Select(e => new BaselineEntry(e.RuleId, e.Resource));
        var temporary = path + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new BaselineFile(Version, [.. entries]), Indented));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a baseline; a file that is not one is an error naming the file, never an empty baseline.</summary>
    public static Baseline Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path));
            if (file is not { Version: Version, Findings: { } findings } || findings.Any(f => f.RuleId is null || f.Resource is null))
            {
                throw new BaselineException($"{path} is not a guardrails baseline (version {Version}, a findings list of ruleId and resource): write one with --create-baseline");
            }
            return new Baseline([.. findings.Select(f => (f.RuleId, f.Resource))]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new BaselineException($"{path}: {ex.Message}");
        }
    }

    /// <summary>The resource as a baseline names it: a template's file (relative, forward slashes) and logical id, else the ARN.</summary>
    private static string Resource(Finding finding) => finding.Location is { } at
        ? $"{Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(at.File)).Replace('\\', '/')}#{at.LogicalId}"
        : finding.ResourceArn;

    private sealed record BaselineFile(int Version, IReadOnlyList<BaselineEntry> Findings);

    private sealed record BaselineEntry(string RuleId, string Resource);
}

/// <summary>A baseline file that cannot be read: a usage error, exit 2.</summary>
internal sealed class BaselineException(string message) : Exception(message);
