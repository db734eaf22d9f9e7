namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// A folder many files are read from one after another (an account's service-last-accessed files, one per user and
/// role: thousands): its folders below the snapshot are checked for links once, when it is opened, as
/// <see cref="InputFile"/> checks a file's folders, so that each file in it then costs only its own <c>lstat</c>.
/// A file that is a link, a path not directly in the folder, or a folder that is not free of links (or not a
/// folder) goes through <see cref="InputFile"/>'s own resolution, as without it.
/// </summary>
internal sealed class InputFolder
{
    private readonly string? _withoutLinks;
    private readonly string _root;
    private readonly string _given;

    private InputFolder(string? withoutLinks, string root, string given)
    {
        _withoutLinks = withoutLinks;
        _root = root;
        _given = given;
    }

    /// <summary>The folder, checked now: its full path when every folder of it below <paramref name="root"/> is a folder and none a link.</summary>
    public static InputFolder Open(string folder, string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var entry = InputFile.WithinWithoutLinks(full, Path.GetFullPath(root));
        return new InputFolder(entry is { Kind: FileKinds.Kind.Directory } ? full : null, root, Path.TrimEndingDirectorySeparator(folder));
    }

    /// <summary>
    /// The full path of a file named directly in this folder as it was given (its path is the folder's and a name):
    /// the folder's full path and the name, without asking the working directory again for each file as
    /// <see cref="Path.GetFullPath(string)"/> does. Null for any other path (the caller makes it full itself).
    /// </summary>
    internal string? FullPath(string path)
    {
        // (Windows trims a name's trailing dots and spaces when it makes a path full: there it is always made so.)
        if (OperatingSystem.IsWindows() || _withoutLinks is not { } folder || path.Length <= _given.Length + 1 || !path.StartsWith(_given, StringComparison.Ordinal)
            || path[_given.Length] != Path.DirectorySeparatorChar)
        {
            return null;
        }
        var name = path.AsSpan(_given.Length + 1);
        return name.ContainsAny(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, '\0') || name is "." or ".."
            ? null
            : Path.Join(folder.AsSpan(), name);
    }

    /// <summary>
    /// The entry at <paramref name="full"/> (a full path) by its own <c>lstat</c>, when it lies directly in this folder, the
    /// folder was free of links and the entry is no link; null otherwise: the caller resolves the path itself.
    /// </summary>
    internal (FileKinds.Kind Kind, long Size)? Entry(string full, string root)
    {
        if (_withoutLinks is not { } folder || !string.Equals(root, _root, StringComparison.Ordinal)
            || full.Length <= folder.Length + 1 || full[folder.Length] != Path.DirectorySeparatorChar || !full.StartsWith(folder, StringComparison.Ordinal)
            || full.AsSpan(folder.Length + 1).Contains(Path.DirectorySeparatorChar))
        {
            return null;
        }
        var entry = FileKinds.Of(full);
        return entry.Kind == FileKinds.Kind.Link ? null : entry;
    }
}
