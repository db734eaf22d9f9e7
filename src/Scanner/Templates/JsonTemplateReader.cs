using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>Reads a JSON template, and finds the line and column of each key and list item under Resources with a token reader (JsonNode keeps no positions).</summary>
internal static class JsonTemplateReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = Configuration.InputLimits.DefaultMaxDepth };

    public static CfnTemplate Read(string path, string text)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = Configuration.InputLimits.DefaultMaxDepth, AllowDuplicateProperties = false }) as JsonObject
                ?? throw new TemplateException(path, "the template is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new TemplateException(path, $"line {ex.LineNumber + 1}: {ex.Message}");
        }
        return CfnTemplate.From(path, root, Positions(text));
    }

    /// <summary>Where each key and list item under Resources starts, walking the tokens with the path of keys and indexes above them.</summary>
    private static SourceMap Positions(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var positions = new SourceMap();
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var path = new List<string>();
        // Per open container: whether it is a list, and how many items it has had (a list) or the key being read (an object).
        var containers = new List<(bool IsList, int Items, string? Key)>();
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                containers[^1] = containers[^1] with { Key = key };
                var (line, column) = Position(bytes, lineStarts, (int)reader.TokenStartIndex);
                positions.Add(path, key, line, column);
                continue;
            }
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.RemoveAt(containers.Count - 1);
                if (path.Count > 0 && containers.Count > 0)
                {
                    path.RemoveAt(path.Count - 1);
                }
                continue;
            }
            string? segment = null;
            if (containers.Count > 0)
            {
                var parent = containers[^1];
                if (parent.IsList)
                {
                    segment = parent.Items.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    containers[^1] = parent with { Items = parent.Items + 1 };
                    var (line, column) = Position(bytes, lineStarts, (int)reader.TokenStartIndex);
                    positions.Add(path, segment, line, column);
                }
                else
                {
                    segment = parent.Key;
                }
            }
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (segment is not null)
                {
                    path.Add(segment);
                }
                containers.Add((token == JsonTokenType.StartArray, 0, null));
            }
        }
        return positions;
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private static (int Line, int Column) Position(byte[] bytes, List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        // Columns count characters, not bytes, as editors and SARIF viewers do.
        var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], offset - lineStarts[line]) + 1;
        return (line + 1, column);
    }
}
