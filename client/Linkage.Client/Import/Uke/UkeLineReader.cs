using System.Buffers;
using System.Runtime.CompilerServices;

namespace Linkage.Client.Import.Uke;

/// <summary>Splits a UKE byte stream into lines at LF, before decoding.</summary>
/// <remarks>Splitting bytes is safe for Shift_JIS: CR, LF and the comma never occur as the second byte of a character.</remarks>
internal static class UkeLineReader
{
    public static async IAsyncEnumerable<UkeRawLine> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var pending = new ArrayBufferWriter<byte>();
        var number = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                pending.Write(buffer.AsSpan(start, i - start));
                yield return Line(++number, pending, terminated: true);
                pending.Clear();
                start = i + 1;
            }

            pending.Write(buffer.AsSpan(start, read - start));
        }

        if (pending.WrittenCount > 0) yield return Line(++number, pending, terminated: false);
    }

    private static UkeRawLine Line(int number, ArrayBufferWriter<byte> pending, bool terminated)
    {
        var span = pending.WrittenSpan;
        var crLf = terminated && span.Length > 0 && span[^1] == (byte)'\r';
        if (span.Length > 0 && span[^1] == (byte)'\r') span = span[..^1];
        return new UkeRawLine(number, span.ToArray(), crLf, terminated);
    }
}
