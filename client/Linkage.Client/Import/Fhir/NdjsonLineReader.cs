using System.Runtime.CompilerServices;
using System.Text;

namespace Linkage.Client.Import.Fhir;

/// <summary>Reads NDJSON lines as strict UTF-8 with their numbers, skipping blank lines.</summary>
internal static class NdjsonLineReader
{
    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(Stream input, string file, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var number = 0;
        while (true)
        {
            string? text;
            string? problem = null;
            try
            {
                text = await reader.ReadLineAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                text = null;
                problem = $"the file is not UTF-8 after line {number}: nothing more was read";
            }

            if (problem is not null)
            {
                yield return new NdjsonLine(file, number + 1, null, problem);
                yield break;
            }

            if (text is null) yield break;
            number++;
            if (!string.IsNullOrWhiteSpace(text)) yield return new NdjsonLine(file, number, text, null);
        }
    }
}
