using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// The items <see cref="ConfigFileStream"/> found in one buffer of a Config file, parsed on every core (most of a
/// scan's reading is here) while the file's next buffer is walked, then handed out in file order. Each is parsed
/// allowing <paramref name="maxDepth"/> levels: what the file's limit leaves below the list it stands in.
/// </summary>
internal sealed class ConfigItemParsing(string path, string account, InputLimits limits, int maxDepth, Action<Resource, bool?> each)
{
    /// <summary>The items found, being parsed; null when none are.</summary>
    private Task<(Resource? Resource, bool? Indexed, ExceptionDispatchInfo? Fault)[]>? _parsing;

    /// <summary>The buffer the items being parsed lie in, once reading has moved on to another; given back when they are handed out.</summary>
    private byte[]? _parsedBuffer;

    /// <summary>Whether items are being parsed.</summary>
    public bool Busy => _parsing is not null;

    /// <summary>Starts parsing the items found in <paramref name="buffer"/>: where each lies, and its number in the file.</summary>
    public void Start(byte[] buffer, (int Start, int Length, int Number)[] found)
    {
        if (found.Length == 0)
        {
            return;
        }
        _parsing = Task.Run(() =>
        {
            var read = new (Resource? Resource, bool? Indexed, ExceptionDispatchInfo? Fault)[found.Length];
            Parallel.For(0, found.Length, i =>
            {
                try
                {
                    var resource = Item(buffer.AsMemory(found[i].Start, found[i].Length), found[i].Number, out var indexed);
                    read[i] = (resource, indexed, null);
                }
                catch (Exception ex)
                {
                    read[i] = (null, null, ExceptionDispatchInfo.Capture(ex));
                }
            });
            return read;
        });
    }

    /// <summary>The buffer the items being parsed lie in, which reading leaves for another: given back to the pool once they are handed out.</summary>
    public void GiveBackWhenDone(byte[] buffer) => _parsedBuffer = buffer;

    /// <summary>
    /// Hands out the items being parsed, in file order, on this thread: an item that fails throws its own fault
    /// here, after the items before it, as read one by one.
    /// </summary>
    public void Finish() => HandOut(Drop());

    /// <summary>
    /// Waits for the items being parsed, starts parsing those found next in <paramref name="buffer"/>, and hands the
    /// first out while the next are parsed (the handing out, on one thread, kept the other cores idle). A fault met
    /// handing them out drops the next unseen: they come after it in the file.
    /// </summary>
    public void FinishThenStart(byte[] buffer, (int Start, int Length, int Number)[] found)
    {
        var read = Drop();
        Start(buffer, found);
        try
        {
            HandOut(read);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private void HandOut((Resource? Resource, bool? Indexed, ExceptionDispatchInfo? Fault)[]? read)
    {
        if (read is null)
        {
            return;
        }
        foreach (var (resource, indexed, fault) in read)
        {
            fault?.Throw();
            each(resource!, indexed);
        }
    }

    /// <summary>Waits for the items being parsed and gives their buffer back; what they were, for <see cref="Finish"/>.</summary>
    public (Resource? Resource, bool? Indexed, ExceptionDispatchInfo? Fault)[]? Drop()
    {
        if (_parsing is not { } parsing)
        {
            return null;
        }
        _parsing = null;
        try
        {
            return parsing.GetAwaiter().GetResult();
        }
        finally
        {
            if (_parsedBuffer is { } parsed)
            {
                _parsedBuffer = null;
                ArrayPool<byte>.Shared.Return(parsed);
            }
        }
    }

    /// <summary>
    /// Whether the account's index keeps the item, asked here on the pool (a look for its resource policy, which took the
    /// reading thread 2-3% of the floor); null when asking met a fault: the reading thread asks again, and meets it there.
    /// </summary>
    private static bool? Indexed(Resource resource)
    {
        try
        {
            return Inventory.Indexes(resource);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private Resource Item(ReadOnlyMemory<byte> json, int number, out bool? indexed)
    {
        // Parsed where it lies in the buffer (its metadata from the shared pool, given back): the resource copies
        // only its configuration's text (parsed when first read) and its supplementary configuration out of it, and
        // the buffer moves on. The index's question is asked meanwhile: it reads the configuration from this document.
        using var parsed = DuplicateKeys.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        return ConfigFiles.ToResource(parsed.RootElement, Place.Entry(path, "configuration item ", number), account, limits, maxDepth, Indexed, out indexed);
    }
}
