using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Parses a JSON file or item from AWS refusing a duplicate key (two <c>awsAccountId</c> keys would make the account
/// depend on who reads the file; docs/security.md), as <c>AllowDuplicateProperties = false</c> does, for less:
/// JsonDocument's own check allocates about 0.8 KB for a 1.8 KB Config item, a million times a scan. Here the
/// document is parsed without that check, then each of its objects' keys are compared as written, by a 64-bit hash of each;
/// only when two hash alike, or a key has an escape in it (two spellings of one key), is it parsed again with
/// JsonDocument's own check, which decides and words the refusal. A document this passes has no duplicate key:
/// keys written without an escape are equal exactly when their bytes are, and equal bytes hash alike.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Keys and waiting objects held per thread between documents; a stack grown past this by a hostile file is let go.</summary>
    private const int KeptKeys = 4096;

    /// <summary>Up to this many keys, an object's hashes are compared pair by pair (fewer steps than a sort).</summary>
    private const int FewKeys = 8;

    public static JsonDocument Parse(ReadOnlyMemory<byte> json, JsonDocumentOptions options)
    {
        var document = JsonDocument.Parse(json, options with { AllowDuplicateProperties = true });
        try
        {
            // A text without a backslash has no key with an escape: its keys need not be looked at for one.
            if (!MayRepeat(document.RootElement, escapes: json.Span.Contains((byte)'\\')))
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
    /// Whether some object may hold a key twice (false is certain), walking the parsed document (its objects are
    /// the text's, read once already by the parse): each object's key hashes are sorted and compared in turn; the
    /// objects and lists still to visit wait on one stack, so that no depth the limits allow can overflow the call stack.
    /// An object of a few keys (most of them) has its hashes compared pair by pair rather than sorted.
    /// </summary>
    private static bool MayRepeat(JsonElement root, bool escapes)
    {
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false;
        }
        var hashes = _hashes ??= new ulong[256];
        var pending = _pending ??= new Stack<JsonElement>();
        pending.Clear();
        pending.Push(root);
        try
        {
            while (pending.TryPop(out var element))
            {
                if (element.ValueKind == JsonValueKind.Array)
                {
                    foreach (var value in element.EnumerateArray())
                    {
                        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        {
                            pending.Push(value);
                        }
                    }
                    continue;
                }
                var top = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (escapes && name.Contains((byte)'\\'))
                    {
                        return true;
                    }
                    if (top == hashes.Length)
                    {
                        Array.Resize(ref hashes, top * 2);
                        _hashes = hashes;
                    }
                    hashes[top++] = XxHash3.HashToUInt64(name);
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        pending.Push(property.Value);
                    }
                }
                var keys = hashes.AsSpan(0, top);
                if (keys.Length <= FewKeys)
                {
                    if (AnyTwoAlike(keys))
                    {
                        return true;
                    }
                }
                else
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
            }
            return false;
        }
        finally
        {
            // Points into the document, which may be disposed next.
            pending.Clear();
        }
    }

    /// <summary>Whether two of a few hashes are equal, each compared with those after it.</summary>
    private static bool AnyTwoAlike(ReadOnlySpan<ulong> keys)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (keys[i] == keys[j])
                {
                    return true;
                }
            }
        }
        return false;
    }

    // One stack per thread (items are parsed on every core); a hostile file's huge object grows it, and it is let go after.
    [ThreadStatic]
    private static ulong[]? _hashes;

    [ThreadStatic]
    private static Stack<JsonElement>? _pending;

    private static void Shrink()
    {
        if (_hashes is { Length: > KeptKeys })
        {
            _hashes = null;
        }
        if (_pending is { } pending && pending.EnsureCapacity(0) > KeptKeys)
        {
            _pending = null;
        }
    }
}
