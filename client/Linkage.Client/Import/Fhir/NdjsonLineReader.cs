using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Linkage.Client.Import.Fhir;

/// <summary>
/// Reads NDJSON lines as strict UTF-8 with their numbers; a blank line comes without text. A line that is not UTF-8, or longer
/// than <see cref="MaxLineBytes"/>, comes with its problem and the lines after it are read as usual.
/// </summary>
internal static class NdjsonLineReader
{
    /// <summary>
    /// The longest line read, in bytes: far above a clinical resource (a Synthea ExplanationOfBenefit is some 20 KB);
    /// a longer line (a Binary, an embedded document) is reported and skipped, which bounds what one line can cost.
    /// </summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(Stream input, string file, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in InputLineReader.ReadAsync(input, MaxLineBytes, ct))
        {
            if (line.TooLong)
            {
                yield return new NdjsonLine(file, line.Number, null, $"line {line.Number}: longer than {MaxLineBytes} bytes ({line.Length}): not read");
                continue;
            }

            var bytes = line.Number == 1 && line.Bytes.AsSpan().StartsWith("\uFEFF"u8) ? line.Bytes.AsSpan(3) : line.Bytes.AsSpan();
            if (!Utf8.IsValid(bytes))
            {
                yield return new NdjsonLine(file, line.Number, null, $"line {line.Number}: not UTF-8 (byte {InvalidAt(bytes) + 1} starts no UTF-8 character): not read");
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes);
            // A blank line comes as a line without text or problem, so that it is counted.
            yield return new NdjsonLine(file, line.Number, string.IsNullOrWhiteSpace(text) ? null : text, null);
        }
    }

    private static int InvalidAt(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length && System.Text.Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done) at += consumed;
        return at;
    }
}
