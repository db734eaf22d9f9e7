using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>Reads a JSON template, and finds the line and column of each logical id with a token reader (JsonNode keeps no positions).</summary>
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

    private static Dictionary<string, (int, int)> Positions(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var inResources = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                inResources = reader.ValueTextEquals("Resources");
            }
            else if (inResources && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
            {
                positions[reader.GetString()!] = Position(bytes, lineStarts, (int)reader.TokenStartIndex);
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
