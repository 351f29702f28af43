using Linkage.Json;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Linkage.Feeds;

/// <summary>
/// Parses and validates one events-v1 NDJSON line into a <see cref="FeedEvent"/>, or says why it is rejected
/// (a reason that names the field first). Stateless and thread-safe.
/// </summary>
public static class FeedLineParser
{
    private const int Source = 0, RecordId = 1, Version = 2, Kind = 3, Date = 4, Retracted = 5, SubjectField = 6, Data = 7;

    private static readonly string[] Fields = ["source", "recordId", "version", "kind", "date", "retracted", "subject", "data"];

    /// <summary>The kind names in <see cref="EventKind"/> order.</summary>

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Up to this many UTF-8 bytes, a UTF-16 line is transcoded on the stack.</summary>
    private const int StackBytes = 4096;

    /// <summary>Parses one line (UTF-8, no line terminator). <paramref name="lineNumber"/> (1-based) only goes into the result.</summary>
    public static FeedLineResult Parse(ReadOnlySpan<byte> utf8Line, int lineNumber)
    {
        // Utf8JsonReader does not check the UTF-8 of strings it is not asked to decode, so check the whole line first.
        if (!Utf8.IsValid(utf8Line)) return FeedLineResult.Rejected(lineNumber, $"malformed JSON: invalid UTF-8 at byte {InvalidUtf8At(utf8Line)}");
        if (utf8Line.IsEmpty || utf8Line.IndexOfAnyExcept(" \t\r\n"u8) < 0) return FeedLineResult.Rejected(lineNumber, "malformed JSON: empty line");

        var reader = new Utf8JsonReader(utf8Line, ReaderOptions);
        try
        {
            var reason = ReadEvent(ref reader, out var feedEvent);
            if (reason is not null)
            {
                // A line that is also malformed further on is reported as malformed: that is the first thing to fix.
                while (reader.Read())
                {
                }

                return FeedLineResult.Rejected(lineNumber, reason);
            }

            // Anything but white space after the object makes Read throw.
            reader.Read();
            return FeedLineResult.Accepted(lineNumber, feedEvent!);
        }
        catch (JsonException e)
        {
            return FeedLineResult.Rejected(lineNumber, Malformed(e));
        }
    }

    /// <summary>Parses one line given as text (no line terminator). <paramref name="lineNumber"/> (1-based) only goes into the result.</summary>
    public static FeedLineResult Parse(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Parse(line.AsSpan(), lineNumber, int.MaxValue);
    }

    /// <summary>
    /// Holds an event made in code (by an importer) to exactly the rules a feed line is held to: writes it as its
    /// events-v1 line and parses that, so it passes here exactly when the platform takes the line it is sent as.
    /// Accepted, the result holds the parsed event, the one the platform will store.
    /// </summary>
    public static FeedLineResult Validate(FeedEvent feedEvent, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);

        // In a line the data has no kind of its own: data of another kind would be read as this kind's.
        if (feedEvent.Data is { } data && data.Kind != feedEvent.Kind)
        {
            return FeedLineResult.Rejected(lineNumber, $"data: is {EventKinds.Name(data.Kind)} data but the kind is {EventKinds.Name(feedEvent.Kind)}");
        }

        // JSON has no form for these numbers, so no line could carry them.
        if (feedEvent.Data is LabData { Value: var labValue } && !double.IsFinite(labValue)) return NotFinite(lineNumber, labValue);
        if (feedEvent.Data is VitalData { Value: var vitalValue } && !double.IsFinite(vitalValue)) return NotFinite(lineNumber, vitalValue);

        var line = new ArrayBufferWriter<byte>(StackBytes);
        try
        {
            FeedEventJson.WriteLine(line, feedEvent);
        }
        catch (ArgumentException e)
        {
            // A kind or data type events-v1 does not have.
            return FeedLineResult.Rejected(lineNumber, $"malformed JSON: the event cannot be written as a line: {e.Message}");
        }

        // The writer replaces text that is not valid UTF-16 (an unpaired surrogate) rather than fail on it.
        var result = Parse(line.WrittenSpan, lineNumber);
        return !result.IsAccepted || result.Event.Equals(feedEvent)
            ? result
            : FeedLineResult.Rejected(lineNumber, "malformed JSON: the event reads back from its line changed: it holds text that is not valid UTF-16");
    }

    private static FeedLineResult NotFinite(int lineNumber, double value) =>
        FeedLineResult.Rejected(lineNumber, FieldReader.NotFinite(FieldPath.Of("data.value"), value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Transcodes a UTF-16 line and parses it; a line over <paramref name="maxBytes"/> UTF-8 bytes is rejected unparsed.</summary>
    internal static FeedLineResult Parse(ReadOnlySpan<char> line, int lineNumber, int maxBytes)
    {
        var capacity = Encoding.UTF8.GetMaxByteCount(line.Length);
        byte[]? rented = null;
        var buffer = capacity <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            var status = Utf8.FromUtf16(line, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return FeedLineResult.Rejected(lineNumber, $"malformed JSON: unpaired surrogate at character {read}");
            }

            return written > maxBytes ? FeedReader.TooLong(lineNumber) : Parse(buffer[..written], lineNumber);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads the envelope in document order, <c>data</c> last (its shape depends on <c>kind</c>, which may come after it).
    /// Returns the first reason found, leaving the reader wherever it stopped.
    /// </summary>
    private static string? ReadEvent(ref Utf8JsonReader reader, out FeedEvent? feedEvent)
    {
        feedEvent = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return $"malformed JSON: a line must be an object, not {Describe(reader.TokenType)}";

        string? source = null, recordId = null, kindName = null;
        int? version = null;
        DateOnly? date = null;
        bool? retracted = null;
        Subject? subject = null;
        var hasData = false;
        var dataReader = default(Utf8JsonReader);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldReader.Match(ref reader, Fields);
            reader.Read();
            if (field < 0)
            {
                // Unknown fields are how the contract grows: ignore them.
                reader.Skip();
                continue;
            }

            var at = FieldPath.Of(Fields[field]);
            if ((seen & (1 << field)) != 0) return FieldReader.Duplicate(at);
            seen |= 1 << field;
            string? reason;
            switch (field)
            {
                case Source:
                    reason = ReadSource(ref reader, out source);
                    break;
                case RecordId:
                    reason = FieldReader.ReadPrintable(ref reader, at, FeedFormats.MaxRecordIdLength, out recordId);
                    break;
                case Version:
                    reason = FieldReader.ReadInt(ref reader, at, 1, int.MaxValue, out version);
                    break;
                case Kind:
                    reason = FieldReader.ReadChoice(ref reader, at, EventKinds.Choices, out kindName);
                    break;
                case Date:
                    reason = ReadDate(ref reader, out date);
                    break;
                case Retracted:
                    reason = FieldReader.ReadBool(ref reader, at, out retracted);
                    break;
                case SubjectField:
                    reason = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.StartObject => SubjectParser.Read(ref reader, "subject", out subject),
                        _ => FieldReader.MustBe(at, "an object"),
                    };
                    break;
                case Data:
                default:
                    reason = null;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        // Keep a copy of the reader at the data object and come back to it once the kind is known.
                        dataReader = reader;
                        hasData = true;
                        reader.Skip();
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        reason = FieldReader.MustBe(at, "an object");
                    }

                    break;
            }

            if (reason is not null) return reason;
        }

        if (source is null) return FieldReader.Required(FieldPath.Of("source"));
        if (recordId is null) return FieldReader.Required(FieldPath.Of("recordId"));
        if (version is null) return FieldReader.Required(FieldPath.Of("version"));
        if (kindName is null) return FieldReader.Required(FieldPath.Of("kind"));
        if (date is null) return FieldReader.Required(FieldPath.Of("date"));
        if (subject is null) return FieldReader.Required(FieldPath.Of("subject"));

        // A retraction may leave out data; given, it must still be right for the kind.
        EventKinds.TryParse(kindName, out var kind);
        var isRetracted = retracted ?? false;
        EventData? data = null;
        if (hasData)
        {
            var reason = EventDataParser.Read(ref dataReader, kind, out data);
            if (reason is not null) return reason;
        }
        else if (!isRetracted)
        {
            return FieldReader.Required(FieldPath.Of("data"));
        }

        feedEvent = new FeedEvent
        {
            Source = source,
            RecordId = recordId,
            Version = version.Value,
            Kind = kind,
            Date = date.Value,
            Retracted = isRetracted,
            Subject = subject,
            Data = data,
        };
        return null;
    }

    private static string? ReadSource(ref Utf8JsonReader reader, out string? source)
    {
        var path = FieldPath.Of("source");
        var reason = FieldReader.ReadSharedString(ref reader, path, out source);
        if (reason is not null || source is null || FeedFormats.IsSource(source)) return reason;
        var bad = source;
        source = null;
        return $"{path}: {FieldProblems.Quote(bad)} must match [a-z0-9][a-z0-9-]{{0,63}}";
    }

    private static string? ReadDate(ref Utf8JsonReader reader, out DateOnly? date)
    {
        var path = FieldPath.Of("date");
        date = null;
        var reason = FieldReader.ReadString(ref reader, path, out var text);
        if (reason is not null || text is null) return reason;
        if (FeedFormats.TryParseDate(text, out var parsed, out var wellFormed))
        {
            date = parsed;
            return null;
        }

        return wellFormed
            ? $"{path}: {FieldProblems.Quote(text)} is not a real date (YYYY-MM-DD)"
            : $"{path}: {FieldProblems.Quote(text)} is not a date (YYYY-MM-DD)";
    }

    /// <summary>
    /// The reader's own message without its position suffix, and the byte where it stopped; with
    /// <paramref name="withLine"/>, the line too (1-based), for documents that span lines.
    /// </summary>
    internal static string Malformed(JsonException e, bool withLine = false)
    {
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0) message = message[..position];
        message = message.Replace(". Change the reader options", "", StringComparison.Ordinal).TrimEnd().TrimEnd('.');
        if (message.Length > 120) message = message[..120] + "…";
        return (e.BytePositionInLine, e.LineNumber) switch
        {
            ({ } at, { } line) when withLine => $"malformed JSON: {message} (line {line + 1}, byte {at})",
            ({ } at, _) => $"malformed JSON: {message} (at byte {at})",
            _ => $"malformed JSON: {message}",
        };
    }

    internal static int InvalidUtf8At(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length && System.Text.Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
