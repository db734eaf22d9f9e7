using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads an AWS Config file item by item, so that a file of a quarter of a million items never sits in memory
/// whole: the forms <c>collect</c> and the Config delivery write (an object whose list is <c>configurationItems</c>
/// or <c>baseConfigurationItems</c>, every other property a plain value). It hands out, as it reads them, the
/// resources <see cref="ConfigFiles.Read(string, string?, string?, InputLimits)"/> would; they are the file's only
/// if it returns null, the whole file having proven as readable as that reader requires (valid UTF-8 and JSON, no
/// duplicate key, within the limits). Any other form, and any fault, returns why: the caller drops what it was
/// handed and reads the file whole instead (which also words the gap).
/// </summary>
internal static partial class ConfigFileStream
{
    private const int FirstBufferBytes = 1 << 20;

    /// <summary>How deep a file's items stand: in the list, in the file's object. Their own parse allows that much less depth.</summary>
    private const int ItemDepth = 2;

    /// <summary>Streams the file's items to <paramref name="each"/>; null when the whole file was read, else why it must be read whole.</summary>
    public static string? Read(string path, string root, string account, InputLimits limits, Action<Resource> each) =>
        Read(path, root, account, limits, (resource, _) => each(resource));

    /// <summary>
    /// As <see cref="Read(string, string, string, InputLimits, Action{Resource})"/>, each item with whether its account's
    /// index keeps it (<see cref="Inventory.Indexes"/>), found on the core that parsed it; null when that met a fault
    /// (the caller asks again, and meets it as before).
    /// </summary>
    public static string? Read(string path, string root, string account, InputLimits limits, Action<Resource, bool?> each)
    {
        try
        {
            var (stream, size) = InputFile.OpenRead(path, root, limits);
            using (stream)
            {
                return new Walk(path, account, limits, each).Run(stream, size);
            }
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return ex.Message;
        }
    }

    /// <summary>One pass over one file: where the reader is in it, and what it has seen at the top level.</summary>
    private sealed partial class Walk(string path, string account, InputLimits limits, Action<Resource, bool?> each)
    {
        private enum Place { Start, Root, Items, End }

        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        /// <summary>The items found in the buffer and not yet handed out: where each lies, and its number in the file.</summary>
        private readonly List<(int Start, int Length, int Number)> _found = [];
        /// <summary>The depth an item's own parse allows: what the file's limit leaves below the list.</summary>
        private readonly int _itemMaxDepth = limits.MaxDepth - ItemDepth;
        private readonly ConfigItemParsing _parsing = new(path, account, limits, limits.MaxDepth - ItemDepth, each);
        private Place _place = Place.Start;
        private int _items;
        /// <summary>Whether an item of the list was found: the next must follow a comma.</summary>
        private bool _afterItem;

        public string? Run(FileStream stream, long size)
        {
            // From the shared pool (two or three files an account, a megabyte each): nothing handed out points into it.
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(size, 16, FirstBufferBytes));
            try
            {
                return Run(stream, size, ref buffer);
            }
            catch
            {
                // What was found before the fault, handed out first: an item's own fault comes first, as read one by one.
                Finish();
                throw;
            }
            finally
            {
                // Never given back while the items of the buffer before are still being parsed out of it.
                _parsing.Drop();
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>
        /// Reads the file buffer by buffer: while the items found in one buffer are parsed on the thread pool, this
        /// thread reads, checks and walks the next (into a buffer of its own), then hands the parsed items out in file
        /// order; so the reading, which walks every byte on one thread, runs beside the parsing rather than between.
        /// </summary>
        private string? Run(FileStream stream, long size, ref byte[] buffer)
        {
            int filled = 0, validated = 0;
            long total = 0;
            var eof = false;
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = limits.MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            while (true)
            {
                if (!eof && filled == buffer.Length)
                {
                    // An item longer than the buffer: a buffer twice as long, the bytes so far moved over.
                    var longer = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, longer, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = longer;
                }
                var read = eof ? 0 : stream.Read(buffer, filled, buffer.Length - filled);
                eof = read == 0;
                filled += read;
                total += read;
                if (total > size)
                {
                    return Finished("grew while it was read");
                }
                if (total <= 3 && filled >= 2 && (buffer[0] is 0xEF or 0xFE or 0xFF))
                {
                    return Finished("a byte-order mark");
                }
                // Validated up to the last whole character: a character cut by the buffer's end waits for the rest.
                var upTo = eof ? filled : CompleteUpTo(buffer, filled);
                if (!Utf8.IsValid(buffer.AsSpan(validated, upTo - validated)))
                {
                    return Finished("not valid UTF-8");
                }
                validated = upTo;
                var consumed = 0;
                string? why;
                try
                {
                    why = Step(buffer.AsSpan(0, upTo), eof, ref state, ref consumed);
                }
                finally
                {
                    // The items of the buffer before, then this one's: a fault met after them comes after theirs.
                    FinishThenStart(buffer);
                }
                if (why is not null || eof)
                {
                    Finish();
                    return why ?? (_place == Place.End ? null : "ends early");
                }
                // The rest of the buffer goes on in a buffer of its own: the items found stay where they are, being parsed.
                if (_parsing.Busy)
                {
                    var next = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length, FirstBufferBytes));
                    Buffer.BlockCopy(buffer, consumed, next, 0, filled - consumed);
                    _parsing.GiveBackWhenDone(buffer);
                    buffer = next;
                }
                else
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                }
                filled -= consumed;
                validated -= consumed;
            }
        }

        /// <summary>Hands out the items of the buffer before while this buffer's, found by the walk, are parsed.</summary>
        private void FinishThenStart(byte[] buffer)
        {
            (int Start, int Length, int Number)[] found = [.. _found];
            _found.Clear();
            _parsing.FinishThenStart(buffer, found);
        }

        private void Finish() => _parsing.Finish();

        private string Finished(string why)
        {
            Finish();
            return why;
        }

        /// <summary>Where the last character of the buffer that is surely whole ends: before a lead byte among the last three.</summary>
        private static int CompleteUpTo(byte[] buffer, int filled)
        {
            for (var i = filled - 1; i >= Math.Max(0, filled - 4); i--)
            {
                if ((buffer[i] & 0xC0) == 0xC0)
                {
                    return i;
                }
                if ((buffer[i] & 0x80) == 0)
                {
                    return filled;
                }
            }
            return filled;
        }
    }
}
