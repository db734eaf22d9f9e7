using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Reads an input file whole, defensively: only a regular file (never a FIFO, a device or a socket), only
/// inside <c>root</c> when one is given (a link out of the snapshot is refused), never more than
/// <see cref="InputLimits.MaxFileBytes"/>, and only valid UTF-8 (a UTF-16 file, as PowerShell's redirection
/// writes it, is converted). Every refusal is a <see cref="InputFileException"/> naming the file and why.
/// </summary>
internal static class InputFile
{
    public static byte[] ReadText(string path, string? root, InputLimits limits)
    {
        var (real, size) = Checked(path, root, limits);
        var bytes = new byte[size];
        var total = ReadInto(path, real, bytes, (int)size);
        if (total < bytes.Length)
        {
            Array.Resize(ref bytes, total);
        }
        var (start, converted) = Utf8Text(path, bytes.AsSpan(0, total));
        return converted ?? (start == 0 ? bytes : bytes.AsSpan(start).ToArray());
    }

    /// <summary>
    /// As <see cref="ReadText"/>, checked and refused alike, into a buffer from the shared pool rather than an array
    /// of the file's own (a million-resource scan reads thousands of files an account, and an account's largest go
    /// to the large-object heap, whose growth is what sets off full collections). The caller disposes it once
    /// nothing points into it.
    /// </summary>
    /// <param name="folder">The folder the file is in, when its path was checked once for the many files read from it.</param>
    public static PooledText ReadPooled(string path, string? root, InputLimits limits, InputFolder? folder = null)
    {
        var (real, size) = Checked(path, root, limits, folder);
        // A byte of room past what stat said: the read that ends the file also tells whether it grew.
        var buffer = ArrayPool<byte>.Shared.Rent((int)size + 1);
        try
        {
            var total = ReadInto(path, real, buffer, (int)size);
            var (start, converted) = Utf8Text(path, buffer.AsSpan(0, total));
            if (converted is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return new PooledText(converted, 0, converted.Length, rented: false);
            }
            return new PooledText(buffer, start, total - start, rented: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Reads the file's <paramref name="size"/> bytes (as stat said) into <paramref name="bytes"/>; how many there were.
    /// With room in <paramref name="bytes"/> for one more, each read asks for it, so that the read that ends the file
    /// also shows whether it grew (a regular file's read gives all it holds up to what is asked): one call a small
    /// file instead of two, for the thousands of service-last-accessed files of an account.
    /// </summary>
    private static int ReadInto(string path, string real, byte[] bytes, int size)
    {
        if (NativeFile.Open(real) is { } native)
        {
            using (native)
            {
                return ReadInto(path, native, bytes, size);
            }
        }
        using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ReadInto(path, new NativeFile.StreamReads(stream), bytes, size);
    }

    private static int ReadInto<TReads>(string path, TReads file, byte[] bytes, int size) where TReads : struct, IReads
    {
        var room = Math.Min(bytes.Length, size + 1);
        var total = 0;
        for (int read; total < size && (read = file.Read(bytes.AsSpan(total, room - total))) > 0;)
        {
            total += read;
        }
        // What stat said is what is read: a file that grows meanwhile is still being written, not evidence.
        Span<byte> more = stackalloc byte[1];
        // (A file stat called empty is asked once more, as no read was made of it.)
        if (total > size || ((room == size || size == 0) && file.Read(more) > 0))
        {
            throw new InputFileException($"{path}: grew while it was read (still being written?): not read");
        }
        return total;
    }

    /// <summary>
    /// Opens a file to be read piece by piece, checked as <see cref="ReadText"/> checks it before reading (regular,
    /// inside root, within the size limit); its size as checked comes along, so that a file that grows while it is
    /// read can be told. What it holds (the encoding, the text) is the caller's to check.
    /// </summary>
    public static (FileStream Stream, long Size) OpenRead(string path, string? root, InputLimits limits)
    {
        var (real, size) = Checked(path, root, limits);
        return (new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1), size);
    }

    private static (string Real, long Size) Checked(string path, string? root, InputLimits limits, InputFolder? folder = null)
    {
        var (real, kind, size) = Resolve(path, root, folder);
        if (kind != FileKinds.Kind.Regular)
        {
            throw new InputFileException($"{path}: {FileKinds.Describe(kind)}, not a regular file: not read");
        }
        if (size > limits.MaxFileBytes || size > Array.MaxLength)
        {
            throw TooLarge(path, limits);
        }
        return (real, size);
    }

    /// <summary>Whether anything (a file, a directory, a FIFO, a dangling link) is at the path.</summary>
    public static bool Exists(string path) => FileKinds.Of(path).Kind != FileKinds.Kind.Missing;

    /// <summary>
    /// The path with every link resolved, component by component, and what its entry is; refused when it ends outside
    /// <paramref name="root"/> (links may point anywhere, and the snapshot is what was collected, not the machine's files).
    /// </summary>
    private static (string Real, FileKinds.Kind Kind, long Size) Resolve(string path, string? root, InputFolder? folder)
    {
        var full = folder?.FullPath(path) ?? Path.GetFullPath(path);
        if (root is null)
        {
            return RealPath(full);
        }
        if (folder?.Entry(full, root) is { } checkedEntry)
        {
            // Its folders were found free of links once, when the folder was opened: the file's own lstat is the rest.
            return (full, checkedEntry.Kind, checkedEntry.Size);
        }
        if (WithinWithoutLinks(full, Path.GetFullPath(root)) is { } entry)
        {
            return (full, entry.Kind, entry.Size);
        }
        var real = RealPath(full);
        var inside = RealPath(Path.GetFullPath(root)).Real.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!real.Real.StartsWith(inside, StringComparison.Ordinal))
        {
            throw new InputFileException($"{path}: a link to {real.Real}, outside the snapshot: not read");
        }
        return real;
    }

    /// <summary>
    /// The common case, in a few <c>lstat</c> calls rather than one per component of both paths: a path under
    /// <paramref name="fullRoot"/> none of whose components below it is a link is inside the root wherever the root
    /// really is (its real path is the root's followed by the same components). The entry's kind and size come from
    /// its own <c>lstat</c>. Null when a component is a link (or the path is not under the root): the full resolution decides.
    /// </summary>
    internal static (FileKinds.Kind Kind, long Size)? WithinWithoutLinks(string full, string fullRoot)
    {
        var top = fullRoot.TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length <= top.Length + 1 || full[top.Length] != Path.DirectorySeparatorChar || !full.StartsWith(top, StringComparison.Ordinal))
        {
            return null;
        }
        (FileKinds.Kind Kind, long Size) entry = default;
        for (var end = top.Length + 1; end <= full.Length; end++)
        {
            if (end < full.Length && full[end] != Path.DirectorySeparatorChar)
            {
                continue;
            }
            entry = FileKinds.Of(full.AsSpan(0, end));
            if (entry.Kind == FileKinds.Kind.Link)
            {
                return null;
            }
        }
        return entry;
    }

    /// <summary>The path with every link resolved, and what the entry it ends at is.</summary>
    private static (string Real, FileKinds.Kind Kind, long Size) RealPath(string full)
    {
        var current = Path.GetPathRoot(full)!;
        var parts = new Queue<string>(full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        (FileKinds.Kind Kind, long Size) entry = (FileKinds.Kind.Directory, 0);
        for (var hops = 0; parts.Count > 0;)
        {
            var next = Path.Combine(current, parts.Dequeue());
            entry = FileKinds.Of(next);
            if (entry.Kind == FileKinds.Kind.Link)
            {
                if (++hops > 40)
                {
                    // As the kernel does (ELOOP): a cycle of links is no file.
                    throw new InputFileException($"{full}: too many levels of links: not read");
                }
                var target = new FileInfo(next).LinkTarget!;
                var resolved = Path.GetFullPath(target, current);
                current = Path.GetPathRoot(resolved)!;
                var rest = resolved[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(parts).ToList();
                parts = new Queue<string>(rest);
                continue;
            }
            current = next;
        }
        // A link to the file system's root leaves nothing to walk: what it points to is taken here.
        if (entry.Kind == FileKinds.Kind.Link)
        {
            entry = FileKinds.Of(current);
        }
        return (current, entry.Kind, entry.Size);
    }

    private static InputFileException TooLarge(string path, InputLimits limits) =>
        new($"{path}: larger than {limits.MaxFileBytes:N0} bytes (limits.maxFileBytes in guardrails.yaml): not read");

    /// <summary>
    /// Where the UTF-8 text starts (after a byte-order mark), or the text converted when the file is UTF-16; anything
    /// else invalid is refused with its offset.
    /// </summary>
    private static (int Start, byte[]? Converted) Utf8Text(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
            try
            {
                return (0, Encoding.UTF8.GetBytes(encoding.GetString(bytes[2..])));
            }
            catch (DecoderFallbackException ex)
            {
                throw new InputFileException($"{path}: not valid UTF-16 at byte {ex.Index + 2}: not read", ex);
            }
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var text = bytes[start..];
        if (!Utf8.IsValid(text))
        {
            var chars = new char[1024];
            var offset = 0;
            while (Utf8.ToUtf16(text[offset..], chars, out var read, out _, replaceInvalidSequences: false) == OperationStatus.DestinationTooSmall)
            {
                offset += read;
            }
            Utf8.ToUtf16(text[offset..], chars, out var last, out _, replaceInvalidSequences: false);
            var at = offset + last;
            var line = text[..at].Count((byte)'\n') + 1;
            throw new InputFileException($"{path}: byte {start + at:N0} (line {line}) is not valid UTF-8 (AWS writes UTF-8): not read");
        }
        return (start, null);
    }
}

/// <summary>A file's text in a buffer from the shared pool (<see cref="InputFile.ReadPooled"/>): given back when disposed.</summary>
internal sealed class PooledText : IDisposable
{
    private byte[]? _buffer;
    private readonly int _start;
    private readonly bool _rented;

    public PooledText(byte[] buffer, int start, int length, bool rented)
    {
        _buffer = buffer;
        _start = start;
        _rented = rented;
        Memory = buffer.AsMemory(start, length);
    }

    /// <summary>The text; nothing may point into it once this is disposed.</summary>
    public ReadOnlyMemory<byte> Memory { get; private set; }

    /// <summary>The text as a stream that cannot write it; not to be read once this is disposed.</summary>
    public Stream AsStream()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledText));
        return new MemoryStream(buffer, _start, Memory.Length, writable: false);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            Memory = default;
            if (_rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>An input file that is not read, and why; the message names the file.</summary>
internal sealed class InputFileException(string message, Exception? inner = null) : Exception(message, inner);
