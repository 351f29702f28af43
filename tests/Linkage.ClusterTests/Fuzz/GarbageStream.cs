namespace Linkage.ClusterTests.Fuzz;

/// <summary>A forward-only stream of <paramref name="length"/> bytes of random garbage lines (up to 2 KiB each), made as it is read, so the test holds none of it.</summary>
public sealed class GarbageStream(long length, int seed) : Stream
{
    private readonly Random _random = new(seed);
    private long _position;
    private int _lineLeft;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            if (_lineLeft-- <= 0)
            {
                buffer[offset + i] = (byte)'\n';
                _lineLeft = 1 + _random.Next(2048);
                continue;
            }

            // Printable bytes and bytes above 0x7F: never a line end, rarely valid UTF-8, never an event.
            var b = (byte)_random.Next(0x21, 0x100);
            buffer[offset + i] = b == 0x7F ? (byte)'{' : b;
        }

        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
