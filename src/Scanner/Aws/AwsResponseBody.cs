using System.Buffers;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// A response body read into a pooled buffer, given back when disposed: the body is parsed (and what is kept copied
/// out) before that, so an answer costs no array of its own (a Config batch of 100 items is over 85 KB: each of them
/// went to the large object heap twice, as read and as cloned).
/// </summary>
internal sealed class AwsResponseBody : IDisposable
{
    private byte[]? _buffer;
    private int _length;

    private AwsResponseBody(byte[] buffer) => _buffer = buffer;

    public ReadOnlyMemory<byte> Content => _buffer.AsMemory(0, _length);

    public static async Task<AwsResponseBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // One byte more than the length the server declared, so that the read ending the body fits without growing.
        var declared = content.Headers.ContentLength;
        var body = new AwsResponseBody(ArrayPool<byte>.Shared.Rent(declared is > 0 and < 1 << 24 ? (int)declared + 1 : 16 * 1024));
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (body._length == body._buffer!.Length)
                {
                    body.Grow();
                }
                var read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                if (read == 0)
                {
                    return body;
                }
                body._length += read;
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private void Grow()
    {
        if (_buffer!.Length > Array.MaxLength / 2)
        {
            throw new InvalidDataException($"the answer is longer than {_buffer.Length:N0} bytes");
        }
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
