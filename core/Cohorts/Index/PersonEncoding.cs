using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Linkage.Disclosure;
using System.Collections.Immutable;
using System.Text;
using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The compact bytes of one component's people, as the index keeps them between merges and writes them in deltas:
/// what criteria can see of each person (the person id is left out).
/// </summary>
/// <remarks>
/// <c>people</c>, then per person: sex, birth month number, prefecture (0 for none), last day, events; per event a
/// header byte (kind, has code, has value, flag, has facts), the day as a difference from the previous one, the code,
/// the value, and for receipts the diagnoses, procedures and drugs; with facts, then the record's own prefecture and
/// for receipts the facility (encodings written before facts have none: no prefecture, no facility). A code the component's people repeat (a monthly
/// drug, a lab test) is written once and then referred to by number. After the last person, each person's
/// fingerprint (8 bytes, little-endian) for perturbed counts; encodings written before fingerprints end at the last
/// person, and their people are fingerprinted by component and position instead (fixed while the component is).
/// </remarks>
internal static class PersonEncoding
{
    // The codes of the component being read, as (start, length) in its bytes: reused, reading is on every merge's path.
    [ThreadStatic] private static List<(int Start, int Length)>? t_codeTable;

    private const int HasCode = 1 << 3, HasValue = 1 << 4, FlagShift = 5, HasFacts = 1 << 7, FlagMask = 3;

    /// <summary>Checks and encodes the people of an update; an invalid person is an <see cref="ArgumentException"/> naming the field.</summary>
    public static byte[] Encode(IndexUpdate update) => Encode(update, new Scratch());

    /// <inheritdoc cref="Encode(IndexUpdate)"/>
    /// <param name="scratch">Buffers reused from one update to the next, so that only the result is allocated.</param>
    public static byte[] Encode(IndexUpdate update, Scratch scratch)
    {
        ArgumentNullException.ThrowIfNull(update);
        var people = update.People.IsDefault ? [] : update.People;
        var (output, codes) = scratch.Start();
        var writer = new SnapshotWriter(output);
        writer.Count(people.Length);
        for (var p = 0; p < people.Length; p++) Write(writer, codes, update, p, PersonAt(update, p));

        Span<byte> fingerprint = stackalloc byte[sizeof(ulong)];
        foreach (var person in people)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, CellPerturbation.Fingerprint(person.Person ?? ""));
            writer.Raw(fingerprint);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Checks the people of an update as <see cref="Encode(IndexUpdate, Scratch)"/> does, without encoding them: an index
    /// takes an update at once and encodes it only when its bytes are needed.
    /// </summary>
    /// <exception cref="ArgumentException">A person is invalid; the message names the field, as encoding's would.</exception>
    public static void Check(IndexUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var people = update.People.IsDefault ? [] : update.People;
        for (var p = 0; p < people.Length; p++)
        {
            var person = PersonAt(update, p);
            Header(update, p, person);
            var events = person.Events.IsDefault ? [] : person.Events;
            for (var e = 0; e < events.Length; e++)
            {
                var summary = EventAt(update, p, person, e);
                PrefOf(update, p, e, summary.Pref);
                if (summary.Kind != EventKind.Receipt) continue;
                CheckCodes(update, p, e, "diagnoses", summary.Diagnoses);
                CheckCodes(update, p, e, "procedures", summary.Procedures);
                CheckCodes(update, p, e, "drugs", summary.Drugs);
            }
        }
    }

    /// <summary>How many people <paramref name="encoded"/> holds (0: the component is gone).</summary>
    public static int PeopleIn(ReadOnlySpan<byte> encoded) => new SnapshotReader(encoded, "encoded people").Count();

    /// <summary>Adds the people of <paramref name="encoded"/> to <paramref name="builder"/>, or only checks the bytes when it is null.</summary>
    public static void Read(ReadOnlySpan<byte> encoded, long component, SegmentBuilder? builder)
    {
        var reader = new SnapshotReader(encoded, "the people of component", component);
        var people = reader.Count();
        var firstSlot = builder?.People ?? 0;
        var table = t_codeTable ??= [];
        table.Clear();
        Span<char> chars = stackalloc char[128];
        for (var p = 0; p < people; p++)
        {
            var sex = reader.Byte();
            if (sex > (byte)Sex.U) throw reader.Invalid($"sex {sex}");
            var birthMonth = reader.Int();
            var pref = reader.Byte();
            if (pref > Prefectures) throw reader.Invalid($"prefecture {pref}");
            var lastDay = Day(ref reader);
            var slot = builder?.AddPerson(component, sex, birthMonth, pref, lastDay) ?? -1;
            var events = reader.Count();
            var day = lastDay;
            for (var e = 0; e < events; e++)
            {
                var header = reader.Byte();
                var kind = (EventKind)(header & 7);
                if ((int)kind >= IndexSegment.KindCount) throw reader.Invalid($"event kind {(int)kind}");
                day = checked(day + reader.Int());
                if (day < 0 || day > DateOnly.MaxValue.DayNumber) throw reader.Invalid($"day {day}");
                byte eventPref = IndexSegment.NoPref;
                var facility = -1;
                if ((header & HasFacts) != 0)
                {
                    eventPref = reader.Byte();
                    if (eventPref > Prefectures) throw reader.Invalid($"prefecture {eventPref}");
                    if (kind == EventKind.Receipt && reader.Byte() != 0)
                    {
                        var code = Chars(ReadCode(ref reader, encoded, table), ref chars);
                        facility = builder?.InternFacility(code) ?? -1;
                    }
                }

                if (kind == EventKind.Receipt)
                {
                    var receipt = builder?.AddReceipt(slot, day, eventPref, facility) ?? -1;
                    foreach (var field in (ReadOnlySpan<ReceiptField>)[ReceiptField.Diagnosis, ReceiptField.Procedure, ReceiptField.Drug])
                    {
                        var codes = reader.Count();
                        for (var c = 0; c < codes; c++)
                        {
                            var code = Chars(ReadCode(ref reader, encoded, table), ref chars);
                            builder?.AddReceiptCode(field, receipt, builder.InternReceiptCode(field, code));
                        }
                    }

                    continue;
                }

                var codeId = -1;
                if ((header & HasCode) != 0)
                {
                    var code = Chars(ReadCode(ref reader, encoded, table), ref chars);
                    codeId = builder?.InternCode(kind, code) ?? -1;
                }

                var value = (header & HasValue) != 0 ? reader.Double() : double.NaN;
                var flag = (byte)((header >> FlagShift) & FlagMask);
                if (flag > 2) throw reader.Invalid($"flag {flag}");
                builder?.AddEvent(kind, slot, codeId, day, value, flag, eventPref);
            }
        }

        if (reader.AtEnd)
        {
            for (var p = 0; p < people; p++) builder?.SetFingerprint(firstSlot + p, LegacyFingerprint(component, p));
            return;
        }

        for (var p = 0; p < people; p++)
        {
            var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(reader.Take(sizeof(ulong)));
            builder?.SetFingerprint(firstSlot + p, fingerprint);
        }

        if (!reader.AtEnd) throw reader.Invalid("bytes after the last fingerprint");
    }

    /// <summary>The fingerprint of a person whose encoding predates fingerprints: their component and position in it.</summary>
    public static ulong LegacyFingerprint(long component, int position)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long) + sizeof(int)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, component);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[sizeof(long)..], position);
        return XxHash3.HashToUInt64(bytes);
    }

    private const int Prefectures = 47;

    private static void Write(SnapshotWriter writer, Dictionary<string, int> codes, IndexUpdate update, int p, PersonSummary person)
    {
        var (birthMonth, pref) = Header(update, p, person);
        var events = person.Events.IsDefault ? [] : person.Events;
        writer.Byte((byte)person.Sex);
        writer.VarInt(birthMonth);
        writer.Byte(pref);
        writer.VarInt(person.LastDate.DayNumber);
        writer.Count(events.Length);
        var day = person.LastDate.DayNumber;
        for (var e = 0; e < events.Length; e++)
        {
            var summary = EventAt(update, p, person, e);
            var isReceipt = summary.Kind == EventKind.Receipt;
            var code = isReceipt ? null : summary.Code;
            var value = isReceipt || summary.Value is not { } v || double.IsNaN(v) ? (double?)null : v;
            var flag = isReceipt ? EventColumns.NoFlag : EventColumns.FlagOf(summary.Flag);
            var eventPref = PrefOf(update, p, e, summary.Pref);

            var facility = isReceipt ? summary.Facility : null;
            var facts = eventPref != IndexSegment.NoPref || facility is not null;
            writer.Byte((byte)((int)summary.Kind | (code is null ? 0 : HasCode) | (value is null ? 0 : HasValue) | (flag << FlagShift) | (facts ? HasFacts : 0)));
            writer.VarInt(summary.Date.DayNumber - day);
            day = summary.Date.DayNumber;
            if (facts)
            {
                writer.Byte(eventPref);
                if (isReceipt)
                {
                    writer.Byte(facility is null ? (byte)0 : (byte)1);
                    if (facility is not null) WriteCode(writer, codes, facility);
                }
            }

            if (isReceipt)
            {
                WriteCodes(writer, codes, update, p, e, "diagnoses", summary.Diagnoses);
                WriteCodes(writer, codes, update, p, e, "procedures", summary.Procedures);
                WriteCodes(writer, codes, update, p, e, "drugs", summary.Drugs);
                continue;
            }

            if (code is not null) WriteCode(writer, codes, code);
            if (value is { } known) writer.Double(known);
        }
    }

    private static void WriteCodes(
        SnapshotWriter writer, Dictionary<string, int> table, IndexUpdate update, int p, int e, string field, ImmutableArray<string> codes)
    {
        if (codes.IsDefault)
        {
            writer.Count(0);
            return;
        }

        writer.Count(codes.Length);
        for (var i = 0; i < codes.Length; i++) WriteCode(writer, table, CodeAt(update, p, e, field, codes, i));
    }

    private static void CheckCodes(IndexUpdate update, int p, int e, string field, ImmutableArray<string> codes)
    {
        if (codes.IsDefault) return;
        for (var i = 0; i < codes.Length; i++) CodeAt(update, p, e, field, codes, i);
    }

    // The rules of a valid person, one place each: encoding and checking both call them. A field's path is only spelled
    // out for an error: they are on every ingest's path.
    private static PersonSummary PersonAt(IndexUpdate update, int p) => update.People[p] ?? throw Bad(update, p, "people", "is null");

    private static (int BirthMonth, byte Pref) Header(IndexUpdate update, int p, PersonSummary person)
    {
        if ((uint)person.Sex > (uint)Sex.U) throw Bad(update, p, "sex", $"{(int)person.Sex} is not M, F or U");
        var birthMonth = CohortAge.MonthNumberOf(person.Birth ?? "")
            ?? throw Bad(update, p, "birth", $"\"{person.Birth}\" is not a birth month YYYY-MM");
        return (birthMonth, PrefOf(update, p, -1, person.Pref));
    }

    private static SummaryEvent EventAt(IndexUpdate update, int p, PersonSummary person, int e)
    {
        var summary = person.Events[e] ?? throw Bad(update, p, $"events[{e}]", "is null");
        if ((uint)summary.Kind >= (uint)IndexSegment.KindCount) throw Bad(update, p, $"events[{e}].kind", $"{(int)summary.Kind} is not an event kind");
        if (summary.Date > person.LastDate)
        {
            throw Bad(update, p, $"events[{e}].date", $"{summary.Date:yyyy-MM-dd} is after lastDate {person.LastDate:yyyy-MM-dd}");
        }

        return summary;
    }

    /// <summary>The prefecture's number: the person's (<paramref name="e"/> -1) or their event <paramref name="e"/>'s.</summary>
    private static byte PrefOf(IndexUpdate update, int p, int e, string? pref)
    {
        if (pref is null) return IndexSegment.NoPref;
        var number = FeedFormats.PrefectureNumber(pref);
        return number == 0 ? throw Bad(update, p, e < 0 ? "pref" : $"events[{e}].pref", $"\"{pref}\" is not a prefecture code (01..47)") : (byte)number;
    }

    private static string CodeAt(IndexUpdate update, int p, int e, string field, ImmutableArray<string> codes, int i) =>
        codes[i] ?? throw Bad(update, p, $"events[{e}].{field}[{i}]", "is null");

    /// <summary>A code's first appearance in the component as 0 and its text, a repeat as 1 + the number of its first appearance.</summary>
    private static void WriteCode(SnapshotWriter writer, Dictionary<string, int> table, string code)
    {
        if (table.TryGetValue(code, out var number))
        {
            writer.Count(number + 1);
            return;
        }

        table.Add(code, table.Count);
        writer.Count(0);
        writer.String(code);
    }

    /// <summary>The UTF-8 of the code at the reader: new (remembered in <paramref name="table"/>) or a repeat.</summary>
    private static ReadOnlySpan<byte> ReadCode(ref SnapshotReader reader, ReadOnlySpan<byte> encoded, List<(int Start, int Length)> table)
    {
        var reference = reader.Count();
        if (reference > 0)
        {
            if (reference > table.Count) throw reader.Invalid($"code {reference} of {table.Count}");
            var (start, length) = table[reference - 1];
            return encoded.Slice(start, length);
        }

        var utf8 = reader.Utf8();
        table.Add((reader.Position - utf8.Length, utf8.Length));
        return utf8;
    }

    private static int Day(ref SnapshotReader reader)
    {
        var day = reader.VarInt();
        if (day < 0 || day > DateOnly.MaxValue.DayNumber) throw reader.Invalid($"day {day}");
        return (int)day;
    }

    private static ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8, ref Span<char> buffer)
    {
        if (Encoding.UTF8.GetMaxCharCount(utf8.Length) > buffer.Length) buffer = new char[Encoding.UTF8.GetMaxCharCount(utf8.Length)];
        var length = Encoding.UTF8.GetChars(utf8, buffer);
        return buffer[..length];
    }

    /// <summary>What <see cref="Encode(IndexUpdate, Scratch)"/> reuses between updates; for one thread at a time.</summary>
    internal sealed class Scratch
    {
        // A component far larger than most would keep its buffers' size for good: past this they are let go.
        private const int KeptBytes = 1 << 16, KeptCodes = 1 << 12;

        private ArrayBufferWriter<byte> _output = new(1024);
        private Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public (ArrayBufferWriter<byte> Output, Dictionary<string, int> Codes) Start()
        {
            if (_output.Capacity > KeptBytes) _output = new ArrayBufferWriter<byte>(1024);
            else _output.ResetWrittenCount();
            if (_codes.Count > KeptCodes) _codes = new Dictionary<string, int>(StringComparer.Ordinal);
            else _codes.Clear();
            return (_output, _codes);
        }
    }

    private static ArgumentException Bad(IndexUpdate update, int person, string field, string problem)
    {
        var id = update.People[person]?.Person;
        return new ArgumentException($"component {update.Component}, people[{person}]{(id is null ? "" : $" ({id})")}: {field} {problem}", nameof(update));
    }
}
