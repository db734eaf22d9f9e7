using System.Runtime.InteropServices;
using System.Text;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// What kind of file system entry a path is, without opening it: opening a FIFO for reading blocks until
/// a writer comes (a scan hung on one, issue 13), and .NET's FileInfo cannot tell a FIFO or a device from
/// a regular file. The runtime's own native shim answers lstat/stat with one layout on every Unix.
/// </summary>
internal static class FileKinds
{
    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        Link,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Unknown,
    }

    /// <summary>The entry itself (a link is a <see cref="Kind.Link"/>, not what it points to).</summary>
    public static (Kind Kind, long Size) Of(string path) => Of(path.AsSpan());

    /// <summary>As <see cref="Of(string)"/>, for a path that is part of a longer one (each folder of a file's path), without making a string of it.</summary>
    public static (Kind Kind, long Size) Of(ReadOnlySpan<char> path)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no FIFOs or devices under a directory tree; links are reparse points.
            var text = path.ToString();
            var info = new FileInfo(text);
            if (info.LinkTarget is not null)
            {
                return (Kind.Link, 0);
            }
            return Directory.Exists(text) ? (Kind.Directory, 0) : info.Exists ? (Kind.Regular, info.Length) : (Kind.Missing, 0);
        }
        // FileStatus of System.Native (src/native/libs/System.Native/pal_io.h): Flags, then Mode at byte 4, Size at byte 16.
        // One buffer per thread: a scan asks this of every component of every file it reads.
        var status = _status ??= new byte[256];
        var native = CString(path, stackalloc byte[1024]);
        if (LStat(ref MemoryMarshal.GetReference(native), status) != 0)
        {
            return (Kind.Missing, 0);
        }
        var mode = BitConverter.ToInt32(status, 4) & 0xF000;
        var size = BitConverter.ToInt64(status, 16);
        return (mode switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0xA000 => Kind.Link,
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            _ => Kind.Unknown,
        }, size);
    }

    /// <summary>
    /// The path as the C string the native shim takes, UTF-8 ended by a zero byte, in <paramref name="stack"/> when it fits:
    /// as the runtime's own marshalling makes it (a path with a zero in it ends there), without a string per folder of every file read.
    /// </summary>
    internal static Span<byte> CString(ReadOnlySpan<char> path, Span<byte> stack)
    {
        if (path.IndexOf('\0') is >= 0 and var zero)
        {
            path = path[..zero];
        }
        var length = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var native = length <= stack.Length ? stack : new byte[length];
        native[Encoding.UTF8.GetBytes(path, native)] = 0;
        return native;
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Missing => "does not exist",
        Kind.Directory => "is a directory",
        Kind.Link => "is a link",
        Kind.Fifo => "is a FIFO (named pipe)",
        Kind.CharacterDevice => "is a character device",
        Kind.BlockDevice => "is a block device",
        Kind.Socket => "is a socket",
        _ => "is not a regular file",
    };

    [ThreadStatic]
    private static byte[]? _status;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat(ref byte path, byte[] output);
}
