using System.Runtime.InteropServices;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// A checked file read in the fewest system calls on Unix: one <c>open</c> (refusing a link, which the check before it
/// found none), the reads, one <c>close</c>, through the runtime's own native shim. A <see cref="FileStream"/> adds an
/// <c>fstat</c> and an advisory lock taken and given back to each: four calls more for each of the thousands of
/// service-last-accessed files of an account. Null when the file cannot be opened so: the caller opens it its own way,
/// and its refusal (missing, not allowed) is the one the file gets.
/// </summary>
internal static class NativeFile
{
    // OpenFlags of System.Native (src/native/libs/System.Native/pal_io.h), translated there to the platform's own.
    private const int ReadOnly = 0x0000;
    private const int CloseOnExec = 0x0010;
    private const int NoFollow = 0x0200;

    /// <summary>The file opened for reading, or null when it could not be (the caller then opens it as before).</summary>
    public static Handle? Open(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        var native = FileKinds.CString(path, stackalloc byte[1024]);
        var descriptor = OpenNative(ref MemoryMarshal.GetReference(native), ReadOnly | CloseOnExec | NoFollow, 0);
        return descriptor < 0 ? null : new Handle(descriptor);
    }

    /// <summary>An open file's descriptor: read from its current offset, closed when disposed.</summary>
    internal readonly struct Handle(nint descriptor) : IReads, IDisposable
    {
        /// <summary>Up to <paramref name="into"/>'s length from where the last read ended; 0 at the end of the file.</summary>
        public int Read(Span<byte> into)
        {
            var read = ReadNative(descriptor, ref MemoryMarshal.GetReference(into), into.Length);
            return read >= 0 ? read : throw new IOException($"read failed (errno {Marshal.GetLastPInvokeError()})");
        }

        // Closed after it was read whole: what close says of a file only read changes nothing of what was read.
        public void Dispose() => _ = CloseNative(descriptor);
    }

    /// <summary>A file opened by a <see cref="FileStream"/>, read as a <see cref="Handle"/> is.</summary>
    internal readonly struct StreamReads(FileStream stream) : IReads
    {
        public int Read(Span<byte> into) => stream.Read(into);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true)]
    private static extern nint OpenNative(ref byte path, int flags, int mode);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Read", SetLastError = true)]
    private static extern int ReadNative(nint descriptor, ref byte buffer, int size);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
    private static extern int CloseNative(nint descriptor);
}

/// <summary>A file open for reading, read from where its last read ended.</summary>
internal interface IReads
{
    int Read(Span<byte> into);
}
