namespace Linkage.Tests.Import;

/// <summary>A seekable stream of <c>prefix + filler × length + suffix</c> made as it is read, so a huge input costs the test no memory.</summary>
internal sealed class GeneratedStream(byte[] prefix, byte filler, long length, byte[] suffix) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; } = prefix.Length + length + suffix.Length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && Position < Length)
        {
            var target = buffer.AsSpan(offset + written, count - written);
            int n;
            if (Position < prefix.Length)
            {
                n = Math.Min(target.Length, prefix.Length - (int)Position);
                prefix.AsSpan((int)Position, n).CopyTo(target);
            }
            else if (Position < prefix.Length + length)
            {
                n = (int)Math.Min(target.Length, prefix.Length + length - Position);
                target[..n].Fill(filler);
            }
            else
            {
                var at = (int)(Position - prefix.Length - length);
                n = Math.Min(target.Length, suffix.Length - at);
                suffix.AsSpan(at, n).CopyTo(target);
            }

            written += n;
            Position += n;
        }

        return written;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
