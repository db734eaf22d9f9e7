using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Reads a YAML document into JSON from the parser's events, without recursion and within <see cref="InputLimits"/>:
/// nesting deeper than <see cref="InputLimits.MaxDepth"/> (a 100,000-deep document overflowed the stack of a
/// recursive reader), more aliases than <see cref="InputLimits.MaxYamlAliases"/> or more values, aliases counted in
/// full, than <see cref="InputLimits.MaxYamlNodes"/> (a billion laughs ran out of memory after 40 s) are refused, as
/// are keys that are not scalars and, unless <see cref="LastKeyWins"/>, a key given twice. Issue 13.
/// </summary>
internal sealed class BoundedYaml(InputLimits limits)
{
    /// <summary>A repeated key keeps the last value (CloudFormation's rule) instead of being a mistake (guardrails.yaml's).</summary>
    public bool LastKeyWins { get; init; }

    /// <summary>Turns a node with a local tag (<c>!Ref x</c>) into what it stands for; without it, tags are ignored.</summary>
    public Func<string, JsonNode?, JsonNode?>? Tagged { get; init; }

    /// <summary>How a scalar becomes JSON; by default as guardrails.yaml reads it (<see cref="YamlToJson.Scalar(string, ScalarStyle)"/>).</summary>
    public Func<Scalar, JsonNode?>? Scalars { get; init; }

    /// <summary>Told of every mapping key, with the keys (and list indexes) above it, and where it starts.</summary>
    public Action<IReadOnlyList<string>, string, Mark>? KeySeen { get; init; }

    /// <summary>Told of every list item, with the keys (and list indexes) above it, its own index, and where it starts.</summary>
    public Action<IReadOnlyList<string>, int, Mark>? ItemSeen { get; init; }

    /// <summary>The first document, or null when there is none; a <see cref="FormatException"/> names the line and column of a mistake.</summary>
    public JsonNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (JsonNode? Node, long Size)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var path = new List<string>();
        JsonNode? document = null;
        var documents = 0;
        var (nodes, aliases) = (0L, 0);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is DocumentStart && ++documents > 1)
                {
                    throw Mistake(current.Start, "a second YAML document (---): only one is read, so the rest would be ignored");
                }
                if (current is not (Scalar or AnchorAlias or SequenceStart or MappingStart or SequenceEnd or MappingEnd))
                {
                    continue;
                }
                if (stack.TryPeek(out var parent) && parent.Object is not null && parent.Key is null && current is not MappingEnd)
                {
                    // A mapping's key: only a plain scalar names a JSON property.
                    if (current is not Scalar key)
                    {
                        throw Mistake(current.Start, "a key that is not a plain value (a complex '?' key, a list, a mapping or an alias)");
                    }
                    if (parent.Object.ContainsKey(key.Value) && !LastKeyWins)
                    {
                        throw Mistake(current.Start, $"the key '{key.Value}' is given twice");
                    }
                    KeySeen?.Invoke(path, key.Value, current.Start);
                    parent.Key = key.Value;
                    continue;
                }
                if (ItemSeen is not null && current is not (SequenceEnd or MappingEnd) && stack.TryPeek(out var list) && list.Array is not null)
                {
                    ItemSeen(path, list.Array.Count, current.Start);
                }
                JsonNode? value;
                long size;
                switch (current)
                {
                    case SequenceStart or MappingStart:
                        if (stack.Count >= limits.MaxDepth)
                        {
                            throw Mistake(current.Start, $"nested deeper than {limits.MaxDepth} levels (limits.maxDepth)");
                        }
                        Count(ref nodes, 1, current.Start);
                        var start = (NodeEvent)current;
                        stack.Push(current is MappingStart
                            ? new Frame { Object = [], Anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value, Tag = TagOf(start), Nodes = nodes }
                            : new Frame { Array = [], Anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value, Tag = TagOf(start), Nodes = nodes });
                        if (stack.Count > 1)
                        {
                            // A list's item is named by its index, so that a position names one statement of a policy.
                            path.Add(Parent(stack) is var above && above.Key is { } key ? key : above.Array!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }
                        continue;
                    case SequenceEnd or MappingEnd:
                        var done = stack.Pop();
                        if (stack.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }
                        value = Apply(done.Tag, done.Object ?? (JsonNode)done.Array!);
                        size = nodes - done.Nodes + 1;
                        Remember(anchors, done.Anchor, value, size);
                        break;
                    case AnchorAlias alias:
                        if (++aliases > limits.MaxYamlAliases)
                        {
                            throw Mistake(current.Start, $"more than {limits.MaxYamlAliases} aliases (limits.maxYamlAliases)");
                        }
                        if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                        {
                            throw Mistake(current.Start, $"the alias *{alias.Value.Value} names no anchor defined before it");
                        }
                        Count(ref nodes, anchored.Size, current.Start);
                        (value, size) = (anchored.Node?.DeepClone(), anchored.Size);
                        break;
                    default:
                        var scalar = (Scalar)current;
                        Count(ref nodes, 1, current.Start);
                        value = Apply(TagOf(scalar), Scalars is null ? YamlToJson.Scalar(scalar.Value, scalar.Style) : Scalars(scalar));
                        size = 1;
                        Remember(anchors, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, value, size);
                        break;
                }
                if (!stack.TryPeek(out var container))
                {
                    document = value;
                }
                else if (container.Object is not null)
                {
                    container.Object[container.Key!] = value;
                    container.Key = null;
                }
                else
                {
                    container.Array!.Add(value);
                }
            }
        }
        catch (YamlException ex)
        {
            throw Mistake(ex.Start, ex.Message);
        }
        return document;
    }

    private static Frame Parent(Stack<Frame> stack) => stack.ElementAt(1);

    private string? TagOf(NodeEvent node) =>
        Tagged is not null && !node.Tag.IsEmpty && node.Tag.Value.StartsWith('!') && !node.Tag.Value.StartsWith("!!", StringComparison.Ordinal)
            ? node.Tag.Value[1..]
            : null;

    private JsonNode? Apply(string? tag, JsonNode? value) => tag is null ? value : Tagged!(tag, value);

    private static void Remember(Dictionary<string, (JsonNode?, long)> anchors, string? anchor, JsonNode? value, long size)
    {
        if (anchor is not null)
        {
            anchors[anchor] = (value?.DeepClone(), size);
        }
    }

    private void Count(ref long nodes, long more, Mark at)
    {
        nodes += more;
        if (nodes > limits.MaxYamlNodes)
        {
            throw Mistake(at, $"more than {limits.MaxYamlNodes:N0} values once aliases are expanded (limits.maxYamlNodes)");
        }
    }

    private static FormatException Mistake(Mark at, string message) => new($"line {at.Line}, column {at.Column}: {message}");

    /// <summary>A mapping or a list being read; a mapping remembers the key whose value comes next.</summary>
    private sealed class Frame
    {
        public JsonObject? Object { get; init; }
        public JsonArray? Array { get; init; }
        public string? Key { get; set; }
        public string? Anchor { get; init; }
        public string? Tag { get; init; }
        public long Nodes { get; init; }
    }
}
