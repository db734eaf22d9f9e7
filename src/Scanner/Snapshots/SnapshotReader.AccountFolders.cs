using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    /// <summary>The folders of an account: which of them can be read, and which files are in them.</summary>
    internal sealed partial class AccountReader
    {
        /// <summary>Whether the account's sub-folder can be read: absent is fine (nothing collected there); a file in its place is a gap.</summary>
        private bool Folder(string name, string source)
        {
            var path = Path.Combine(_directory, name);
            if (Directory.Exists(path) || !InputFile.Exists(path))
            {
                return Directory.Exists(path);
            }
            Failed(path, null, source, new SnapshotFormatException($"{path}: not a folder: nothing of {name} was read"));
            return false;
        }

        /// <summary>
        /// The .json files of a sub-folder, up to <paramref name="depth"/> levels down, in name order. Whatever else is
        /// there is named in a warning, so that a file the layout does not expect is never dropped without a word.
        /// </summary>
        private List<string> Files(string folder, string source, int depth)
        {
            var files = new List<string>();
            if (!Folder(folder, source))
            {
                return files;
            }
            var root = Path.Combine(_directory, folder);
            try
            {
                var options = new EnumerationOptions { RecurseSubdirectories = depth > 1, MaxRecursionDepth = Math.Max(depth - 1, 0), AttributesToSkip = 0, IgnoreInaccessible = false };
                foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", options))
                {
                    var isFolder = Directory.Exists(entry) && FileKinds.Of(entry).Kind == FileKinds.Kind.Directory;
                    if (isFolder && !entry.EndsWith(".json", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    if (entry.EndsWith(".json", StringComparison.Ordinal))
                    {
                        files.Add(entry);
                    }
                    else
                    {
                        _errors.Add($"{entry}: ignored: the snapshot layout reads only .json files here");
                    }
                }
            }
            catch (Exception ex) when (Unreadable(ex))
            {
                Failed(root, null, source, ex);
            }
            files.Sort(StringComparer.Ordinal);
            return files;
        }
    }
}
