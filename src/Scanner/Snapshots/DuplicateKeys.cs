using System.IO.Hashing;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Parses a JSON file or item from AWS refusing a duplicate key (two <c>awsAccountId</c> keys would make the account
/// depend on who reads the file; docs/security.md), as <c>AllowDuplicateProperties = false</c> does, for less:
/// JsonDocument's own check allocates about 0.8 KB for a 1.8 KB Config item, a million times a scan. Here the
/// document is parsed without that check, then each object's keys are compared as written, by a 64-bit hash of each;
/// only when two hash alike, or a key has an escape in it (two spellings of one key), is it parsed again with
/// JsonDocument's own check, which decides and words the refusal. A document this passes has no duplicate key:
/// keys written without an escape are equal exactly when their bytes are, and equal bytes hash alike.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Keys held per thread between documents; a stack grown past this by a hostile file is let go.</summary>
    private const int KeptKeys = 4096;

    public static JsonDocument Parse(ReadOnlyMemory<byte> json, JsonDocumentOptions options)
    {
        var document = JsonDocument.Parse(json, options with { AllowDuplicateProperties = true });
        try
        {
            if (!MayRepeat(json.Span, new JsonReaderOptions { MaxDepth = options.MaxDepth, AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.CommentHandling }))
            {
                return document;
            }
        }
        finally
        {
            Shrink();
        }
        document.Dispose();
        return JsonDocument.Parse(json, options with { AllowDuplicateProperties = false });
    }

    /// <summary>
    /// Whether some object may hold a key twice (false is certain), in one pass of a reader over the bytes: each open
    /// object's key hashes sit on one stack, and are compared when it closes.
    /// </summary>
    private static bool MayRepeat(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        var hashes = _hashes ??= new ulong[256];
        var starts = _starts ??= new int[64];
        int depth = 0, top = 0;
        var reader = new Utf8JsonReader(json, options);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (depth == starts.Length)
                    {
                        Array.Resize(ref starts, depth * 2);
                        _starts = starts;
                    }
                    starts[depth++] = top;
                    break;
                case JsonTokenType.PropertyName:
                    if (reader.ValueIsEscaped)
                    {
                        return true;
                    }
                    if (top == hashes.Length)
                    {
                        Array.Resize(ref hashes, top * 2);
                        _hashes = hashes;
                    }
                    hashes[top++] = XxHash3.HashToUInt64(reader.ValueSpan);
                    break;
                case JsonTokenType.EndObject:
                    var keys = hashes.AsSpan(starts[--depth], top - starts[depth]);
                    if (keys.Length > 1)
                    {
                        keys.Sort();
                        for (var i = 1; i < keys.Length; i++)
                        {
                            if (keys[i] == keys[i - 1])
                            {
                                return true;
                            }
                        }
                    }
                    top = starts[depth];
                    break;
            }
        }
        return false;
    }

    // One stack per thread (items are parsed on every core); a hostile file's huge object grows it, and it is let go after.
    [ThreadStatic]
    private static ulong[]? _hashes;

    [ThreadStatic]
    private static int[]? _starts;

    private static void Shrink()
    {
        if (_hashes is { Length: > KeptKeys } || _starts is { Length: > KeptKeys })
        {
            _hashes = null;
            _starts = null;
        }
    }
}
