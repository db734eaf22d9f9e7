using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>A file named directly in a checked folder has the full path <see cref="Path.GetFullPath(string)"/> gives it; any other path is left to it.</summary>
public sealed class InputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("guardrails-folder-").FullName;

    [Fact]
    public void AFileNamedInTheFolderAsGivenHasItsFullPath()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "iam", "role")).FullName;
        var given = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        var opened = InputFolder.Open(given, _root);
        var file = Path.Combine(given, "admin.json");

        Assert.Equal(OperatingSystem.IsWindows() ? null : Path.GetFullPath(file), opened.FullPath(file));
        Assert.Equal(Path.Combine(folder, "admin.json"), opened.FullPath(file) ?? Path.GetFullPath(file));
    }

    [Fact]
    public void AnyOtherPathIsLeftToTheCaller()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "iam", "role")).FullName;
        var opened = InputFolder.Open(folder, _root);

        Assert.Null(opened.FullPath(Path.Combine(folder, "sub", "admin.json")));
        Assert.Null(opened.FullPath(Path.Combine(folder, "..")));
        Assert.Null(opened.FullPath(Path.Combine(folder, ".")));
        Assert.Null(opened.FullPath(Path.Combine(folder + "-other", "admin.json")));
        Assert.Null(opened.FullPath(folder + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void AFolderThatIsALinkGivesNoPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var real = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, real);

        Assert.Null(InputFolder.Open(link, _root).FullPath(Path.Combine(link, "admin.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
