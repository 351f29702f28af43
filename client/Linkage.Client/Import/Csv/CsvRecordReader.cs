using System.Runtime.CompilerServices;
using System.Text;

namespace Linkage.Client.Import.Csv;

/// <summary>Reads RFC 4180 CSV: comma-separated, double-quoted fields with <c>""</c> for a quote, line breaks inside quotes.</summary>
/// <remarks>CRLF, LF and CR all end a record; blank lines are skipped. A record keeps the line number it starts on.</remarks>
internal static class CsvRecordReader
{
    private const int BufferSize = 16 * 1024;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new char[BufferSize];
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotePending = false;
        var afterClosingQuote = false;
        var crPending = false;
        var fieldQuoted = false;
        string? problem = null;

        while (true)
        {
            var length = await reader.ReadAsync(buffer.AsMemory(), ct);
            if (length == 0) break;
            for (var i = 0; i < length; i++)
            {
                var c = buffer[i];
                if (crPending)
                {
                    crPending = false;
                    if (c == '\n') continue;
                }

                if (inQuotes)
                {
                    if (quotePending)
                    {
                        quotePending = false;
                        if (c == '"')
                        {
                            field.Append('"');
                            continue;
                        }

                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                    else
                    {
                        if (c == '"')
                        {
                            quotePending = true;
                        }
                        else
                        {
                            if (c == '\n' && !(field.Length > 0 && field[^1] == '\r')) line++;
                            else if (c == '\r') line++;
                            field.Append(c);
                        }

                        continue;
                    }
                }

                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    afterClosingQuote = false;
                    fieldQuoted = false;
                    continue;
                }

                if (c is '\r' or '\n')
                {
                    var record = Finish(fields, field, recordLine, problem, fieldQuoted);
                    if (record is not null) yield return record;
                    fields = [];
                    problem = null;
                    afterClosingQuote = false;
                    fieldQuoted = false;
                    line++;
                    recordLine = line;
                    crPending = c == '\r';
                    continue;
                }

                if (afterClosingQuote)
                {
                    problem ??= $"field {fields.Count + 1} has text after its closing quote";
                    field.Append(c);
                    continue;
                }

                if (c == '"' && field.Length == 0 && !fieldQuoted)
                {
                    inQuotes = true;
                    fieldQuoted = true;
                    continue;
                }

                field.Append(c);
            }
        }

        if (inQuotes && !quotePending)
        {
            problem ??= $"the quoted field {fields.Count + 1} opened on line {recordLine} is never closed (is the file truncated?)";
        }

        var last = Finish(fields, field, recordLine, problem, fieldQuoted);
        if (last is not null) yield return last;
    }

    private static CsvRecord? Finish(List<string> fields, StringBuilder field, int line, string? problem, bool fieldQuoted)
    {
        if (fields.Count == 0 && field.Length == 0 && !fieldQuoted && problem is null) return null;
        fields.Add(field.ToString());
        field.Clear();
        return new CsvRecord(line, fields, problem);
    }
}
