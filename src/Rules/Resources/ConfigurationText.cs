using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// A streamed resource's configuration kept as its JSON text (a copy of the bytes its item's parse has checked: syntax,
/// no duplicate key, within the depth limit), parsed the first time it is read. A copy parsed at once (the text and a
/// 12-byte row a token) was a third of what reading a snapshot allocated, and most resources' configurations are never
/// read: no rule of their type, and the floor reads none. Until <see cref="Detach"/> (while its item is parsed) it is
/// read from the item's own document. Thread-safe once handed out: two threads reading it first may both parse it, and
/// both then read the one document kept.
/// </summary>
/// <param name="maxDepth">The depth the item was parsed with: the configuration, inside it, is less deep.</param>
internal sealed class ConfigurationText(byte[] utf8, int maxDepth, JsonElement borrowed)
{
    /// <summary>The value in the item's document while the item is parsed; Undefined once handed out.</summary>
    private JsonElement _borrowed = borrowed;

    private JsonDocument? _document;

    public JsonElement Element =>
        _borrowed.ValueKind != JsonValueKind.Undefined ? _borrowed : (Volatile.Read(ref _document) ?? Parse()).RootElement;

    /// <summary>Reads from its own text from now on: the item's document is about to be disposed (before it is handed out).</summary>
    public void Detach() => _borrowed = default;

    private JsonDocument Parse()
    {
        // Parsed where it lies (the document keeps the text); checked already, so no duplicate-key check again.
        var parsed = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = true });
        return Interlocked.CompareExchange(ref _document, parsed, null) ?? parsed;
    }
}
