using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Where a finding's fault is written in the templates: the policy statement its evidence names (found by
/// content and index among the policies the resource carries, then among every policy of the check, since a
/// role's managed policy may be written elsewhere), the tag it names, or else the resource's logical id.
/// </summary>
internal sealed class FaultLocator(IReadOnlyList<MappedTemplate> templates)
{
    /// <summary>The file, line and column of the fault; the resource's logical id when the evidence names nothing written.</summary>
    public (string File, int Line, int Column) Locate(string? evidence, MappedTemplate template, MappedResource resource)
    {
        var source = resource.Source;
        var fallback = (template.Template.Path, source.Line, source.Column);
        if (Read(evidence) is not { } root)
        {
            return fallback;
        }
        if (root["statements"] is JsonArray { Count: > 0 } statements && statements[0] is JsonObject first && first["statement"] is { } statement)
        {
            var index = first["index"] is JsonValue i && i.TryGetValue(out int n) ? n : -1;
            return Statement(statement, index, template, resource) ?? fallback;
        }
        if (root["tags"] is JsonObject { Count: > 0 } tags)
        {
            return At(template, Tag(source, tags)) ?? fallback;
        }
        return fallback;
    }

    private (string, int, int)? Statement(JsonNode statement, int index, MappedTemplate template, MappedResource resource)
    {
        // The resource's own policies first, then every policy of the check; the same index first, then any.
        var candidates = resource.Policies.Select(p => (Template: template, Origin: p))
            .Concat(templates.SelectMany(t => t.Resources.SelectMany(r => r.Policies.Select(p => (Template: t, Origin: p)))))
            .ToList();
        foreach (var sameIndex in new[] { true, false })
        {
            foreach (var (owner, origin) in candidates)
            {
                for (var i = 0; i < origin.Statements.Count; i++)
                {
                    if ((!sameIndex || i == index) && JsonNode.DeepEquals(origin.Statements[i], statement))
                    {
                        return At(owner, origin.StatementPointer(i));
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The tag at fault as written: a tag the evidence says is missing points at the Tags property (where it
    /// goes; the logical id when there is none), else the first tag named, in either form CloudFormation
    /// writes tags (see <see cref="TemplateTags"/>).
    /// </summary>
    private static string Tag(TemplateResource source, JsonObject tags)
    {
        var property = Shape.PropertyPointer(source.LogicalId, "Tags");
        if (source.Properties["Tags"] is null)
        {
            return SourceMap.OfResource(source.LogicalId);
        }
        if (tags.Any(t => t.Value is null))
        {
            return property;
        }
        var key = tags.First().Key;
        return source.Properties["Tags"] switch
        {
            JsonArray list when IndexOf(list, key) is >= 0 and var i => Shape.PropertyPointer(source.LogicalId, "Tags", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            JsonObject map when map.ContainsKey(key) => Shape.PropertyPointer(source.LogicalId, "Tags", key),
            _ => property,
        };
    }

    private static int IndexOf(JsonArray list, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject entry && entry["Key"] is JsonValue k && k.ToString() == key)
            {
                return i;
            }
        }
        return -1;
    }

    private static (string, int, int)? At(MappedTemplate template, string pointer) =>
        template.Template.Source.Nearest(pointer) is { } at ? (template.Template.Path, at.Line, at.Column) : null;

    private static JsonObject? Read(string? evidence)
    {
        if (string.IsNullOrEmpty(evidence))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(evidence) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
