using System.Diagnostics;
using System.Text;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>What a scan must make of a hostile file: read its data, report it as a coverage gap, or warn about it.</summary>
public enum Expect
{
    Read,
    Gap,
    Warning,
}

/// <summary>
/// One hostile input: what is planted at <see cref="Target"/> (a path inside the tiny snapshot), and what the scan must
/// say about it (<see cref="Says"/>, in a gap or warning that names the file).
/// </summary>
/// <param name="EveryAccount">The file speaks for the whole snapshot (collection.json): its gap is every account's.</param>
/// <param name="Yaml">Appended to guardrails.yaml (for a case about a configured limit).</param>
internal sealed record MalformedCase(string Name, string Target, Expect Expect, string Says, Action<string> Plant, bool EveryAccount = false, string Yaml = "");

/// <summary>Ways to plant a hostile file.</summary>
internal static class Plant
{
    public static Action<string> Text(string text) => path => Write(path, Encoding.UTF8.GetBytes(text));

    public static Action<string> Bytes(byte[] bytes) => path => Write(path, bytes);

    /// <summary>The text with its <c>@@</c> replaced by the byte 0xFF, which UTF-8 never holds.</summary>
    public static Action<string> InvalidUtf8(string text) => path =>
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        var at = text.IndexOf("@@", StringComparison.Ordinal);
        var offset = Encoding.UTF8.GetByteCount(text[..at]);
        bytes.RemoveRange(offset, 2);
        bytes.Insert(offset, 0xFF);
        Write(path, [.. bytes]);
    };

    public static Action<string> Utf16(string text) => path => Write(path, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);

    public static Action<string> Utf8Bom(string text) => path => Write(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);

    /// <summary><c>prefix</c>, then the value nested <paramref name="depth"/> lists deep, then <c>suffix</c>.</summary>
    public static Action<string> Deep(string prefix, int depth, string suffix) =>
        Text(prefix + new string('[', depth) + new string(']', depth) + suffix);

    /// <summary>A named pipe nobody writes to: opening it for reading would block for ever.</summary>
    public static void Fifo(string path)
    {
        Remove(path);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
        }
    }

    public static Action<string> LinkTo(string target) => path =>
    {
        Remove(path);
        File.CreateSymbolicLink(path, target);
    };

    /// <summary>A link to a copy of the file's own content kept elsewhere in the snapshot.</summary>
    public static void LinkInside(string path)
    {
        var keep = Path.Combine(Path.GetDirectoryName(path)!, "..", "kept-" + Path.GetFileName(path));
        File.Move(path, keep);
        File.CreateSymbolicLink(path, keep);
    }

    /// <summary>A folder copied outside the snapshot and linked to in its place: its files are no links, the folder above them is.</summary>
    public static void FolderLinkOutside(string path)
    {
        var outside = Path.Combine(Path.GetTempPath(), $"guardrails-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outside);
        foreach (var file in Directory.GetFiles(path))
        {
            File.Copy(file, Path.Combine(outside, Path.GetFileName(file)));
        }
        Directory.Delete(path, recursive: true);
        Directory.CreateSymbolicLink(path, outside);
    }

    /// <summary>A copy of the file's content outside the snapshot, linked to.</summary>
    public static void LinkOutside(string path)
    {
        var outside = Path.Combine(Path.GetTempPath(), $"guardrails-outside-{Guid.NewGuid():N}.json");
        File.Copy(path, outside);
        LinkTo(outside)(path);
    }

    public static void Folder(string path)
    {
        Remove(path);
        Directory.CreateDirectory(path);
    }

    public static void FileInsteadOfFolder(string path)
    {
        Remove(path);
        File.WriteAllText(path, "{}");
    }

    private static void Write(string path, byte[] bytes)
    {
        Remove(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
