using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>How the demo writes JSON.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Compact, like the files AWS delivers. The relaxed encoder writes '&lt;', '&gt;', '&amp;' and '+' as AWS does,
    /// unescaped: these are data files, never embedded in HTML, and the payload tag must arrive as the attacker wrote it.
    /// </summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>For the small files a person reads: the manifest and collection.json.</summary>
    public static readonly JsonWriterOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    public static readonly JsonSerializerOptions NodeOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Opens a file for a streaming writer, with a buffer big enough that writes go out in large blocks.</summary>
    public static FileStream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }
}
