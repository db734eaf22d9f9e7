using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>An input file is read whole, as stat said it was: one that grows while read is refused, whichever way it is read.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guardrails-input-").FullName;

    [Fact]
    public void AFileIsReadWholeIntoAnArrayAndIntoAPooledBuffer()
    {
        var path = Path.Combine(_folder, "a.json");
        var text = "{\"ResourceTagMappingList\": []}"u8.ToArray();
        File.WriteAllBytes(path, text);

        Assert.Equal(text, InputFile.ReadText(path, _folder, InputLimits.Default));
        using var pooled = InputFile.ReadPooled(path, _folder, InputLimits.Default);
        Assert.Equal(text, pooled.Memory.ToArray());
    }

    [Fact]
    public void AnEmptyFileReadsAsNoBytes()
    {
        var path = Path.Combine(_folder, "empty.json");
        File.WriteAllBytes(path, []);

        Assert.Empty(InputFile.ReadText(path, _folder, InputLimits.Default));
        using var pooled = InputFile.ReadPooled(path, _folder, InputLimits.Default);
        Assert.Equal(0, pooled.Memory.Length);
    }

    [Fact]
    public void AFileLongerThanStatSaidIsRefused()
    {
        // /proc's files are regular files whose stat says 0 bytes: what is read is more than stat said, as for a file still being written.
        const string grows = "/proc/self/status";
        Assert.Contains("grew while it was read", Assert.Throws<InputFileException>(() => InputFile.ReadText(grows, null, InputLimits.Default)).Message);
        Assert.Contains("grew while it was read", Assert.Throws<InputFileException>(() => InputFile.ReadPooled(grows, null, InputLimits.Default)).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
