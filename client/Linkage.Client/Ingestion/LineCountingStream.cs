namespace Linkage.Client.Ingestion;

/// <summary>A read-only view of a stream that counts the lines read through it: LF ends one, and a last line without LF counts.</summary>
internal sealed class LineCountingStream(Stream inner) : Stream
{
    private long _lineEnds;
    private bool _partial;

    /// <summary>The lines read so far (all of them once the stream is read to its end).</summary>
    public long Lines => _lineEnds + (_partial ? 1 : 0);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty) return 0;
        _lineEnds += read.Count((byte)'\n');
        _partial = read[^1] != (byte)'\n';
        return read.Length;
    }
}
