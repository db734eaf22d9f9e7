using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// JSON writers over buffers kept from one collected file to the next: a file costs no new buffer (a file stream's
/// 64 KB and the writer's own buffer, doubled up to 128 KB for a Config page, were allocated for every file of a
/// collection, about 40% of what it allocated). A buffer grown past <see cref="KeptCapacity"/> is left to the collector.
/// </summary>
internal sealed class JsonWriterPool(JsonWriterOptions options)
{
    private const int KeptCapacity = 1 << 20;
    private const int KeptWriters = 64;
    private readonly ConcurrentQueue<Lease> _pool = new();

    /// <summary>A writer with nothing written; give it back with <see cref="Return"/>.</summary>
    public Lease Rent() => _pool.TryDequeue(out var json) ? json : new Lease(options);

    public void Return(Lease json)
    {
        json.Clear();
        if (json.Capacity <= KeptCapacity && _pool.Count < KeptWriters)
        {
            _pool.Enqueue(json);
        }
    }

    internal sealed class Lease
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
        private long _written;

        public Lease(JsonWriterOptions options) => Writer = new Utf8JsonWriter(_buffer, options);

        public Utf8JsonWriter Writer { get; }

        /// <summary>Bytes written to the writer and not yet to the file.</summary>
        public long Unwritten => Writer.BytesPending + _buffer.WrittenCount;

        public int Capacity => _buffer.Capacity;

        /// <summary>Appends what was written since the last call to <paramref name="file"/>, where the last call ended.</summary>
        public void WriteTo(SafeFileHandle file)
        {
            Writer.Flush();
            RandomAccess.Write(file, _buffer.WrittenSpan, _written);
            _written += _buffer.WrittenCount;
            _buffer.ResetWrittenCount();
        }

        public void Clear()
        {
            Writer.Reset();
            _buffer.ResetWrittenCount();
            _written = 0;
        }
    }
}
