using System.Buffers;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// A collected list is written while its pages arrive: between two pages the writer hands its buffer back to the shared
/// pool. The file must be the same whether the items come at once or each after a wait, whatever their size.
/// </summary>
public sealed class SnapshotWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guardrails-snapshot-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AListIsWrittenAsOneIndentedDocumentWhetherItsItemsComeAtOnceOrAfterWaits(bool waits)
    {
        // Small items, one past the first 16 KB buffer and one past the 64 KB written at a time.
        var items = new[] { Item("a", 10), Item("b", 20_000), Item("c", 5), Item("d", 100_000), Item("e", 1) };
        var path = Path.Combine(_directory, "list", "items.json");

        var count = await SnapshotWriter.WriteListAsync(path, "Items", Arrive(items, waits), TestContext.Current.CancellationToken);

        Assert.Equal(items.Length, count);
        Assert.Equal(Expected("Items", items), File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task AWriterUsedBeforeStartsTheNextFileEmpty()
    {
        var first = Path.Combine(_directory, "first.json");
        var second = Path.Combine(_directory, "second.json");
        var large = new[] { Item("x", 200_000) };
        var small = new[] { Item("y", 3) };

        await SnapshotWriter.WriteListAsync(first, "Items", Arrive(large, waits: true), TestContext.Current.CancellationToken);
        await SnapshotWriter.WriteListAsync(second, "Items", Arrive(small, waits: true), TestContext.Current.CancellationToken);

        Assert.Equal(Expected("Items", large), File.ReadAllBytes(first));
        Assert.Equal(Expected("Items", small), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task AListThatFailsHalfWayLeavesNoFile()
    {
        var path = Path.Combine(_directory, "failed.json");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SnapshotWriter.WriteListAsync(path, "Items", Failing(Item("z", 30_000)), TestContext.Current.CancellationToken));

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    private static JsonElement Item(string name, int padding)
    {
        using var document = JsonDocument.Parse($$"""{"Name":"{{name}}","Padding":"{{new string('p', padding)}}","Tags":[{"Key":"k","Value":"<v>"}]}""");
        return document.RootElement.Clone();
    }

    private static async IAsyncEnumerable<JsonElement> Arrive(IEnumerable<JsonElement> items, bool waits)
    {
        foreach (var item in items)
        {
            if (waits)
            {
                await Task.Delay(1);
            }
            yield return item;
        }
    }

    private static async IAsyncEnumerable<JsonElement> Failing(JsonElement first)
    {
        yield return first;
        await Task.Delay(1);
        throw new InvalidOperationException("the page after the first failed");
    }

    /// <summary>The file as one writer with the collector's options would write it in one go.</summary>
    private static byte[] Expected(string property, IEnumerable<JsonElement> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(property);
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
