using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// How much of any one input file a scan will read (guardrails.yaml's <c>limits:</c>; README, "Limits").
/// Every file of a snapshot, guardrails.yaml and a template is hostile until read: without a bound, one
/// file can exhaust memory (a link to /dev/zero, a YAML alias bomb) or the stack (a 100,000-deep document),
/// and the scan dies instead of reporting that file as a coverage gap (issue 13).
/// </summary>
internal sealed partial record InputLimits
{
    /// <summary>
    /// 512 MiB: the demo writes at most 50,000 configuration items per file (about 120 MB), and AWS Config's own
    /// snapshot files of large accounts stay well below it; a parsed file needs about its size again in memory.
    /// </summary>
    public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

    /// <summary>JSON and YAML nesting: AWS output nests a policy document about 10 deep; 256 is far beyond any of it.</summary>
    public const int DefaultMaxDepth = 256;

    /// <summary>YAML aliases (<c>*name</c>) a document may use: guardrails.yaml needs a few, a billion laughs needs many.</summary>
    public const int DefaultMaxYamlAliases = 1_000;

    /// <summary>Values a YAML document may expand to, aliases counted in full: a 500-account estate with waivers is some thousands.</summary>
    public const int DefaultMaxYamlNodes = 1_000_000;

    /// <summary>
    /// Characters of a tag key or value: AWS allows 128 and 256
    /// (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html); a longer one did not come from AWS,
    /// and a 500 MB one would travel into every finding of its resource.
    /// </summary>
    public const int DefaultMaxTagLength = 1_024;

    public static InputLimits Default { get; } = new();

    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
    public int MaxDepth { get; init; } = DefaultMaxDepth;
    public int MaxYamlAliases { get; init; } = DefaultMaxYamlAliases;
    public int MaxYamlNodes { get; init; } = DefaultMaxYamlNodes;
    public int MaxTagLength { get; init; } = DefaultMaxTagLength;

    /// <summary>
    /// Not a limit of guardrails.yaml but the scan's: the types whose configuration its rules may read, parsed as they are
    /// read; any other type's kept as text until read (<see cref="ConfigurationReads"/>). Every type unless the scan says.
    /// </summary>
    public ConfigurationReads ReadConfigurations { get; init; } = ConfigurationReads.All;

    /// <summary>The <c>limits:</c> section; a key not known, or a value that is not a positive size or count, is a mistake.</summary>
    public static InputLimits FromJson(JsonNode? node, List<string> errors)
    {
        if (node is not null and not JsonObject)
        {
            errors.Add("limits: must be a mapping (maxFileBytes: 512MiB, maxDepth: 256, ...)");
            return Default;
        }
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "limits", errors, "maxFileBytes", "maxDepth", "maxYamlAliases", "maxYamlNodes", "maxTagLength");
        return new InputLimits
        {
            MaxFileBytes = Size(section?["maxFileBytes"], "limits.maxFileBytes", errors) ?? DefaultMaxFileBytes,
            MaxDepth = ConfigValues.Integer(section?["maxDepth"], "limits.maxDepth", 1, errors) ?? DefaultMaxDepth,
            MaxYamlAliases = ConfigValues.Integer(section?["maxYamlAliases"], "limits.maxYamlAliases", 0, errors) ?? DefaultMaxYamlAliases,
            MaxYamlNodes = ConfigValues.Integer(section?["maxYamlNodes"], "limits.maxYamlNodes", 1, errors) ?? DefaultMaxYamlNodes,
            MaxTagLength = ConfigValues.Integer(section?["maxTagLength"], "limits.maxTagLength", 1, errors) ?? DefaultMaxTagLength,
        };
    }

    /// <summary>A size as bytes (<c>1048576</c>) or with a unit: <c>64KiB</c>, <c>512MiB</c>, <c>2GiB</c> (KB, MB, GB are read as the same powers of two).</summary>
    private static long? Size(JsonNode? node, string path, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        var match = SizePattern().Match(node.ToString().Trim());
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            var shift = match.Groups[2].Value.ToUpperInvariant() switch
            {
                "K" => 10,
                "M" => 20,
                "G" => 30,
                _ => 0,
            };
            if (amount <= long.MaxValue >> shift)
            {
                return amount << shift;
            }
        }
        errors.Add($"{path}: '{node}' is not a positive size (bytes, or 64KiB, 512MiB, 2GiB)");
        return null;
    }

    [GeneratedRegex("^([0-9]+)\\s*(?:([KkMmGg])i?[Bb]?)?$")]
    private static partial Regex SizePattern();
}
