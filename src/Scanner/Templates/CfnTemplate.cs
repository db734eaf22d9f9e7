using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A CloudFormation template as read from disk: its sections in JSON with every short-form tag turned into its long form.</summary>
internal sealed record CfnTemplate
{
    public required string Path { get; init; }
    public JsonObject Parameters { get; init; } = [];
    public JsonObject Conditions { get; init; } = [];
    public JsonObject Mappings { get; init; } = [];
    public IReadOnlyList<TemplateResource> Resources { get; init; } = [];
    /// <summary>The Transform section (e.g. AWS::Serverless-2016-10-31), whose expansion happens only in AWS.</summary>
    public IReadOnlyList<string> Transforms { get; init; } = [];

    /// <summary>Where each key and list item under Resources is written, for placing a finding at its fault.</summary>
    public SourceMap Source { get; init; } = new();

    /// <summary>Builds the template from the document root and the positions of what is written under Resources.</summary>
    public static CfnTemplate From(string path, JsonObject root, SourceMap positions)
    {
        // A section of another shape would read as an empty one: Resources: [1, 2, 3] reported nothing and exited 0.
        foreach (var section in new[] { nameof(Resources), nameof(Parameters), nameof(Conditions), nameof(Mappings), "Outputs" })
        {
            if (root[section] is { } value and not JsonObject)
            {
                throw new TemplateException(path, $"{section} is {Kind(value)}, not a mapping");
            }
        }
        if (root[nameof(Resources)] is not JsonObject)
        {
            throw new TemplateException(path, "no Resources section: CloudFormation requires one");
        }
        var resources = new List<TemplateResource>();
        foreach (var (id, node, loop) in ForEachExpansion.Expand(root[nameof(Resources)] as JsonObject ?? []))
        {
            var (line, column) = positions.Nearest(SourceMap.OfResource(loop ?? id)) ?? (0, 0);
            if (node is not JsonObject body)
            {
                throw new TemplateException(path, $"resource {id} is not a mapping");
            }
            foreach (var part in new[] { "Properties", "Metadata" })
            {
                if (body[part] is { } value and not JsonObject)
                {
                    throw new TemplateException(path, $"resource {id}: {part} is {Kind(value)}, not a mapping");
                }
            }
            if (body["Condition"] is { } condition and not JsonValue)
            {
                throw new TemplateException(path, $"resource {id}: Condition is {Kind(condition)}, not a condition's name");
            }
            resources.Add(new TemplateResource
            {
                LogicalId = id,
                Type = body["Type"] is JsonValue type && type.TryGetValue(out string? text) ? text : throw new TemplateException(path, $"resource {id} has no Type"),
                Properties = body["Properties"] as JsonObject ?? [],
                Metadata = body["Metadata"] as JsonObject ?? [],
                Condition = body["Condition"] is JsonValue c && c.TryGetValue(out string? name) ? name : null,
                Line = line,
                Column = column,
            });
        }
        var transforms = root["Transform"] switch
        {
            JsonValue one when one.TryGetValue(out string? name) => [name],
            JsonArray many => many.OfType<JsonValue>().Select(v => v.ToString()).ToList(),
            _ => new List<string>(),
        };
        return new CfnTemplate
        {
            Path = path,
            Parameters = root[nameof(Parameters)] as JsonObject ?? [],
            Conditions = root[nameof(Conditions)] as JsonObject ?? [],
            Mappings = root[nameof(Mappings)] as JsonObject ?? [],
            Resources = resources,
            Transforms = transforms,
            Source = positions,
        };
    }

    private static string Kind(JsonNode node) => node switch
    {
        JsonArray => "a list",
        JsonObject => "a mapping",
        _ => $"the value '{node}'",
    };
}
