using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>A checked file is opened by the native shim without following a link, and read to its end.</summary>
public sealed class NativeFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guardrails-native-").FullName;

    [Fact]
    public void ARegularFileIsReadInPiecesToItsEnd()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Null(NativeFile.Open(Path.Combine(_folder, "any.json")));
            return;
        }
        var path = Path.Combine(_folder, "a.json");
        var text = "{\"JobStatus\": \"COMPLETED\", \"ServicesLastAccessed\": []}"u8.ToArray();
        File.WriteAllBytes(path, text);

        using var file = NativeFile.Open(path) ?? throw new InvalidOperationException("not opened");
        var read = new byte[text.Length + 1];
        var first = file.Read(read.AsSpan(0, 10));
        var rest = file.Read(read.AsSpan(first));

        Assert.Equal(10, first);
        Assert.Equal(text, read[..(first + rest)]);
        Assert.Equal(0, file.Read(read));
    }

    [Fact]
    public void ALinkOrAMissingFileIsNotOpened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var target = Path.Combine(_folder, "target.json");
        File.WriteAllText(target, "{}");
        var link = Path.Combine(_folder, "link.json");
        File.CreateSymbolicLink(link, target);

        // A link swapped in after the check is not followed: the caller's own open decides.
        Assert.Null(NativeFile.Open(link));
        Assert.Null(NativeFile.Open(Path.Combine(_folder, "missing.json")));
        using var opened = NativeFile.Open(target) ?? throw new InvalidOperationException("the target itself is not opened");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
