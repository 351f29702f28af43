using System.Buffers;
using System.Runtime.CompilerServices;

namespace Linkage.Client.Import;

/// <summary>
/// Splits an input stream into lines at LF, before decoding, holding at most one line of a bounded length: a longer
/// line is passed over and handed out as <see cref="InputLine.TooLong"/> with only its first bytes, so that no input
/// can make an importer hold more than the bound.
/// </summary>
/// <remarks>Splitting bytes is safe for UTF-8 and Shift_JIS alike: LF never occurs inside a character of either.</remarks>
internal static class InputLineReader
{
    /// <summary>The bytes a line that is too long keeps: enough for a record id or a JSON field name to say what it was.</summary>
    public const int HeadBytes = 64;

    private const int ChunkBytes = 64 * 1024;

    public static async IAsyncEnumerable<InputLine> ReadAsync(Stream input, int maxLineBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, HeadBytes);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var line = new LineBuffer(maxLineBytes);
            var number = 0;
            int read;
            while ((read = await input.ReadAsync(chunk.AsMemory(0, ChunkBytes), ct)) > 0)
            {
                var start = 0;
                while (start < read)
                {
                    var newline = chunk.AsSpan(start, read - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        line.Append(chunk.AsSpan(start, read - start));
                        break;
                    }

                    line.Append(chunk.AsSpan(start, newline));
                    start += newline + 1;
                    yield return line.Take(++number, terminated: true);
                }
            }

            if (line.Length > 0) yield return line.Take(++number, terminated: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>The line being read: its bytes up to the bound in a pooled buffer, and its whole length.</summary>
    private sealed class LineBuffer(int maxLineBytes) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(256);
        private int _kept;
        private bool _lastIsCr;

        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty) return;
            Length += bytes.Length;
            _lastIsCr = bytes[^1] == (byte)'\r';
            // A CR can only be the line's last byte, and it is dropped: the bound itself is all a line can need.
            var take = Math.Min(maxLineBytes - _kept, bytes.Length);
            if (take <= 0) return;
            if (_kept + take > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_bytes.Length * 2, _kept + take), maxLineBytes));
                _bytes.AsSpan(0, _kept).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }

            bytes[..take].CopyTo(_bytes.AsSpan(_kept));
            _kept += take;
        }

        public InputLine Take(int number, bool terminated)
        {
            var crLf = terminated && _lastIsCr;
            var length = _lastIsCr ? Length - 1 : Length;
            var tooLong = length > maxLineBytes;
            var kept = _bytes.AsSpan(0, tooLong ? HeadBytes : (int)length);
            var result = new InputLine(number, kept.ToArray(), crLf, terminated, length, tooLong);
            _kept = 0;
            _lastIsCr = false;
            Length = 0;
            return result;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_bytes);
    }
}
