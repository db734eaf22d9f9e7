using System.Net.Http.Headers;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Tests.Scanner.Aws;

/// <summary>An answer read into a pooled buffer holds exactly the bytes sent, whether the server declared its length or not.</summary>
public sealed class AwsResponseBodyTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(100_000, true)]
    [InlineData(0, false)]
    [InlineData(16 * 1024, false)]
    [InlineData(300_001, false)]
    public async Task TheBodyIsEveryByteSentInOrder(int length, bool declared)
    {
        var sent = new byte[length];
        new Random(length).NextBytes(sent);
        // A stream that hands out at most 1,000 bytes a read, as a socket does, so the buffer fills over many reads.
        using var content = new StreamContent(new TrickleStream(sent));
        content.Headers.ContentLength = declared ? length : null;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");

        using var body = await AwsResponseBody.ReadAsync(content, TestContext.Current.CancellationToken);

        Assert.Equal(sent, body.Content.ToArray());
    }

    [Fact]
    public async Task ALengthDeclaredShorterThanTheBodyStillReadsItAll()
    {
        var sent = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();
        using var content = new StreamContent(new TrickleStream(sent));
        content.Headers.ContentLength = 10;

        using var body = await AwsResponseBody.ReadAsync(content, TestContext.Current.CancellationToken);

        Assert.Equal(sent, body.Content.ToArray());
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1_000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
