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
            var line = new LineBuffer(maxLineBytes);
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

    /// <summary>The line being read: its bytes up to the bound (one more for a CR), and its whole length.</summary>
    private sealed class LineBuffer(int maxLineBytes)
    {
        private readonly ArrayBufferWriter<byte> _bytes = new(256);
        private bool _lastIsCr;

        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty) return;
            Length += bytes.Length;
            _lastIsCr = bytes[^1] == (byte)'\r';
            var room = maxLineBytes + 1 - _bytes.WrittenCount;
            if (room > 0) _bytes.Write(bytes[..Math.Min(room, bytes.Length)]);
        }

        public InputLine Take(int number, bool terminated)
        {
            var crLf = terminated && _lastIsCr;
            var length = _lastIsCr ? Length - 1 : Length;
            var tooLong = length > maxLineBytes;
            var kept = _bytes.WrittenSpan;
            kept = tooLong ? kept[..HeadBytes] : kept[..(int)length];
            var result = new InputLine(number, kept.ToArray(), crLf, terminated, length, tooLong);
            _bytes.Clear();
            _lastIsCr = false;
            Length = 0;
            return result;
        }
    }
}
