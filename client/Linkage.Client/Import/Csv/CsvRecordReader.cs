using System.Runtime.CompilerServices;
using System.Text;

namespace Linkage.Client.Import.Csv;

/// <summary>Reads RFC 4180 CSV: comma-separated, double-quoted fields with <c>""</c> for a quote, line breaks inside quotes.</summary>
/// <remarks>
/// CRLF, LF and CR all end a record; blank lines are skipped. A record keeps the line number it starts on. A record
/// holds at most <see cref="MaxRecordChars"/> characters, so no input makes the reader hold more. A quote that is
/// never closed (or not within that bound), or a record running over several lines that is broken or has a field
/// count other than <see cref="ExpectedFields"/>, costs only its first line: that line is rejected and the lines after
/// it are read again as records of their own, so that a stray quote cannot swallow the good rows after it.
/// </remarks>
internal sealed class CsvRecordReader(TextReader reader, int maxRecordChars = CsvRecordReader.MaxRecordChars)
{
    /// <summary>The longest record read, in characters; a longer one is reported and skipped.</summary>
    public const int MaxRecordChars = 256 * 1024;

    /// <summary>What a decoder puts for bytes that are not in its encoding (<see cref="Utf8WithMarks"/>): a noncharacter no text holds.</summary>
    public const char NotDecoded = '\uFFFF';

    private const int BufferSize = 16 * 1024;

    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();

    // The record's characters as read, to read again after its first line when it turns out broken.
    private readonly StringBuilder _raw = new();
    private readonly List<CsvRecord> _ready = [];
    private string? _replay;
    private int _line = 1;
    private int _recordLine = 1;
    private int _firstBreakEnd = -1;
    private bool _inQuotes;
    private bool _quotePending;
    private bool _afterClosingQuote;
    private bool _crPending;
    private bool _fieldQuoted;
    private bool _skipping;
    private string? _problem;
    private bool _lastWasLineEnd = true;

    /// <summary>UTF-8 that marks undecodable bytes with <see cref="NotDecoded"/> instead of throwing, so that only their record is lost.</summary>
    public static Encoding Utf8WithMarks { get; } =
        Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(NotDecoded.ToString()));

    /// <summary>The field count a record should have (the header's); a record over several lines with another count is read again line by line.</summary>
    public int? ExpectedFields { get; set; }

    /// <summary>The lines of the input (a CR, LF or CR LF ends one; a last line without an end counts), once it is read to the end.</summary>
    public int Lines => _lastWasLineEnd ? _line - 1 : _line;

    public async IAsyncEnumerable<CsvRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new char[BufferSize];
        int length;
        while ((length = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            Feed(buffer.AsMemory(0, length));
            foreach (var record in _ready) yield return record;
            _ready.Clear();
        }

        End();
        foreach (var record in _ready) yield return record;
        _ready.Clear();
    }

    /// <summary>Reads a piece of text, and whatever a broken record gives back to read again before the rest of it.</summary>
    private void Feed(ReadOnlyMemory<char> text)
    {
        var pieces = new Stack<ReadOnlyMemory<char>>();
        pieces.Push(text);
        while (pieces.TryPop(out var piece))
        {
            var span = piece.Span;
            for (var i = 0; i < span.Length; i++)
            {
                Read(span[i]);
                if (_replay is null) continue;
                if (i + 1 < piece.Length) pieces.Push(piece[(i + 1)..]);
                pieces.Push(_replay.AsMemory());
                _replay = null;
                break;
            }
        }
    }

    private void End()
    {
        while (true)
        {
            if (_inQuotes && !_quotePending)
            {
                var opened = $"the quoted field {_fields.Count + 1} opened on line {_recordLine} is never closed (is the file truncated?)";
                if (_firstBreakEnd >= 0)
                {
                    RejectFirstLine(opened);
                    var replay = _replay!;
                    _replay = null;
                    Feed(replay.AsMemory());
                    continue;
                }

                _problem ??= opened;
            }

            Finish();
            return;
        }
    }

    private void Read(char c)
    {
        _lastWasLineEnd = c is '\r' or '\n';
        if (_crPending)
        {
            _crPending = false;
            if (c == '\n') return;
        }

        if (_skipping)
        {
            if (c is '\r' or '\n') EndOfLine(c);
            return;
        }

        _raw.Append(c);
        if (_raw.Length > maxRecordChars)
        {
            TooLong();
            return;
        }

        if (c == NotDecoded) _problem ??= $"field {_fields.Count + 1} holds bytes that are not UTF-8 (save the file as UTF-8)";

        if (_inQuotes)
        {
            if (_quotePending)
            {
                _quotePending = false;
                if (c == '"')
                {
                    _field.Append('"');
                    return;
                }

                _inQuotes = false;
                _afterClosingQuote = true;
            }
            else
            {
                if (c == '"')
                {
                    _quotePending = true;
                }
                else
                {
                    QuotedLineBreak(c);
                    _field.Append(c);
                }

                return;
            }
        }

        if (c == ',')
        {
            _fields.Add(_field.ToString());
            _field.Clear();
            _afterClosingQuote = false;
            _fieldQuoted = false;
            return;
        }

        if (c is '\r' or '\n')
        {
            EndOfLine(c);
            return;
        }

        if (_afterClosingQuote)
        {
            _problem ??= $"field {_fields.Count + 1} has text after its closing quote";
            _field.Append(c);
            return;
        }

        if (c == '"' && _field.Length == 0 && !_fieldQuoted)
        {
            _inQuotes = true;
            _fieldQuoted = true;
            return;
        }

        _field.Append(c);
    }

    /// <summary>Counts a line break inside quotes (CRLF once) and remembers where the record's first line ends.</summary>
    private void QuotedLineBreak(char c)
    {
        var afterCr = _field.Length > 0 && _field[^1] == '\r';
        if (c == '\r' || (c == '\n' && !afterCr)) _line++;
        if (c == '\n' && afterCr && _firstBreakEnd == _raw.Length - 1) _firstBreakEnd = _raw.Length;
        else if (c is '\r' or '\n' && _firstBreakEnd < 0) _firstBreakEnd = _raw.Length;
    }

    private void EndOfLine(char c)
    {
        if (_skipping)
        {
            _skipping = false;
            _ready.Add(new CsvRecord(_recordLine, [], _problem, _line));
            Reset();
        }
        else if (_firstBreakEnd >= 0 && (_problem is not null || (ExpectedFields is { } expected && _fields.Count + 1 != expected)))
        {
            // Most likely a stray quote: the lines after this one are read again, from their own start.
            var why = _problem ?? $"has {_fields.Count + 1} fields, not {ExpectedFields}";
            RejectFirstLine($"the record that starts here runs on to line {_line} through a quoted field and {why}");
            return;
        }
        else
        {
            Finish();
        }

        _line++;
        _recordLine = _line;
        _crPending = c == '\r';
    }

    private void TooLong()
    {
        if (_inQuotes && _firstBreakEnd >= 0)
        {
            RejectFirstLine($"the quoted field {_fields.Count + 1} opened on line {_recordLine} is not closed within {maxRecordChars} characters");
            return;
        }

        // One line longer than any record: pass over the rest of it.
        _problem = $"the record is longer than {maxRecordChars} characters: not read";
        _skipping = true;
        _inQuotes = false;
        _fields.Clear();
        _field.Clear();
        _raw.Clear();
    }

    /// <summary>Rejects the record's first line only and has the characters after it read again, from the next line.</summary>
    private void RejectFirstLine(string problem)
    {
        _ready.Add(new CsvRecord(_recordLine, [], problem, _recordLine));
        _replay = _raw.ToString(_firstBreakEnd, _raw.Length - _firstBreakEnd);
        var next = _recordLine + 1;
        Reset();
        _line = next;
        _recordLine = next;
    }

    private void Finish()
    {
        if (_fields.Count > 0 || _field.Length > 0 || _fieldQuoted || _problem is not null)
        {
            _fields.Add(_field.ToString());
            _ready.Add(new CsvRecord(_recordLine, [.. _fields], _problem, _line));
        }

        Reset();
    }

    private void Reset()
    {
        _fields.Clear();
        _field.Clear();
        _raw.Clear();
        _firstBreakEnd = -1;
        _inQuotes = _quotePending = _afterClosingQuote = _fieldQuoted = _skipping = false;
        _problem = null;
    }
}
