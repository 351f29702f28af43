using System.Buffers.Binary;
using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The snapshot form of an <see cref="IndexSegment"/>: its columns in order, sorted runs as varint differences,
/// values as raw doubles; about a fifth of the segment's size in memory.
/// </summary>
internal static class SegmentFormat
{
    private static readonly int MaxDay = DateOnly.MaxValue.DayNumber;
    private const int Prefectures = 47;

    public static void Write(SnapshotWriter writer, IndexSegment segment)
    {
        var people = segment.People;
        writer.Count(people);
        writer.Count(segment.Components.Length);
        long previous = 0;
        for (var c = 0; c < segment.Components.Length; c++)
        {
            writer.VarInt(segment.Components[c] - previous);
            previous = segment.Components[c];
            writer.Count(segment.ComponentStarts[c + 1] - segment.ComponentStarts[c]);
        }

        for (var slot = 0; slot < people; slot++)
        {
            writer.Byte(segment.Sexes[slot]);
            writer.VarInt(segment.BirthMonths[slot]);
            writer.Byte(segment.Prefs[slot]);
            writer.Count(segment.LastDays[slot]);
        }

        Span<byte> fingerprint = stackalloc byte[sizeof(ulong)];
        foreach (var value in segment.Fingerprints)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, value);
            writer.Raw(fingerprint);
        }

        for (var k = 0; k < IndexSegment.KindCount; k++)
        {
            if ((EventKind)k == EventKind.Receipt) continue;
            var columns = segment.Events((EventKind)k);
            WriteRuns(writer, columns.Codes);
            WriteSlotsAndDays(writer, columns.Codes, columns.Slots, columns.Days);
            writer.Byte(columns.Values.Length == 0 ? (byte)0 : (byte)1);
            foreach (var value in columns.Values) writer.Double(value);
            writer.Byte(columns.Flags.Length == 0 ? (byte)0 : (byte)1);
            writer.Raw(columns.Flags);
            writer.Byte(columns.Prefs.Length == 0 ? (byte)0 : (byte)1);
            writer.Raw(columns.Prefs);
        }

        var receipts = segment.Receipts;
        writer.Count(receipts.Rows);
        WriteSlotsAndDays(writer, null, receipts.Slots, receipts.Days);
        foreach (var postings in new[] { receipts.Diagnoses, receipts.Procedures, receipts.Drugs })
        {
            WriteRuns(writer, postings.Codes);
            for (var code = 0; code <= postings.Codes.Codes; code++)
            {
                var (from, to) = postings.Codes.RunOf(code);
                var last = 0;
                for (var i = from; i < to; i++)
                {
                    writer.Count(postings.Receipts[i] - last);
                    last = postings.Receipts[i];
                }
            }
        }

        writer.Byte(receipts.Prefs.Length == 0 ? (byte)0 : (byte)1);
        writer.Raw(receipts.Prefs);
        writer.Count(receipts.FacilityCodes.Length);
        foreach (var code in receipts.FacilityCodes) writer.String(code);
        if (receipts.FacilityCodes.Length > 0)
        {
            foreach (var facility in receipts.Facilities) writer.Count(facility + 1);
        }
    }

    /// <param name="withFingerprints">False for snapshots of format 1, written before people had fingerprints.</param>
    /// <param name="withFacts">False for snapshots of formats 1 and 2, written before events kept their prefecture and receipts their facility.</param>
    public static IndexSegment Read(ref SnapshotReader reader, bool withFingerprints, bool withFacts)
    {
        var people = reader.Count();
        var componentCount = reader.Count(people);
        var components = new long[componentCount];
        var starts = new int[componentCount + 1];
        long previous = 0;
        for (var c = 0; c < componentCount; c++)
        {
            var delta = reader.VarInt();
            if (c > 0 && delta <= 0) throw reader.Invalid("components out of order");
            components[c] = previous + delta;
            previous = components[c];
            var count = reader.Count(people - starts[c]);
            if (count == 0) throw reader.Invalid($"component {components[c]} has no people");
            starts[c + 1] = starts[c] + count;
        }

        if (starts[^1] != people) throw reader.Invalid($"components hold {starts[^1]} people of {people}");
        var sexes = new byte[people];
        var birthMonths = new int[people];
        var prefs = new byte[people];
        var lastDays = new int[people];
        for (var slot = 0; slot < people; slot++)
        {
            sexes[slot] = reader.Byte();
            if (sexes[slot] > (byte)Sex.U) throw reader.Invalid($"sex {sexes[slot]}");
            birthMonths[slot] = reader.Int();
            prefs[slot] = reader.Byte();
            if (prefs[slot] > Prefectures) throw reader.Invalid($"prefecture {prefs[slot]}");
            lastDays[slot] = reader.Count(MaxDay);
        }

        var fingerprints = new ulong[people];
        for (var c = 0; c < components.Length; c++)
        {
            for (var slot = starts[c]; slot < starts[c + 1]; slot++)
            {
                fingerprints[slot] = withFingerprints
                    ? BinaryPrimitives.ReadUInt64LittleEndian(reader.Take(sizeof(ulong)))
                    : PersonEncoding.LegacyFingerprint(components[c], slot - starts[c]);
            }
        }

        var byKind = new EventColumns[IndexSegment.KindCount];
        byKind[(int)EventKind.Receipt] = EventColumns.Empty(EventKind.Receipt);
        for (var k = 0; k < IndexSegment.KindCount; k++)
        {
            if ((EventKind)k == EventKind.Receipt) continue;
            var runs = ReadRuns(ref reader);
            var (slots, days) = ReadSlotsAndDays(ref reader, runs, runs.Entries, people);
            var values = reader.Byte() == 0 ? [] : new double[runs.Entries];
            for (var i = 0; i < values.Length; i++) values[i] = reader.Double();
            var flags = reader.Byte() == 0 ? [] : reader.Take(runs.Entries).ToArray();
            foreach (var flag in flags)
            {
                if (flag > 2) throw reader.Invalid($"flag {flag}");
            }

            var eventPrefs = withFacts ? ReadPrefs(ref reader, runs.Entries) : [];
            byKind[k] = new EventColumns((EventKind)k, runs, slots, days, values, flags, eventPrefs);
        }

        var receiptCount = reader.Count();
        var (receiptSlots, receiptDays) = ReadSlotsAndDays(ref reader, null, receiptCount, people);
        var postings = new ReceiptPostings[3];
        for (var f = 0; f < postings.Length; f++)
        {
            var runs = ReadRuns(ref reader);
            var receipts = new int[runs.Entries];
            for (var code = 0; code <= runs.Codes; code++)
            {
                var (from, to) = runs.RunOf(code);
                var last = 0;
                for (var i = from; i < to; i++)
                {
                    last = checked(last + reader.Count(receiptCount));
                    if (last >= receiptCount) throw reader.Invalid($"receipt {last} of {receiptCount}");
                    receipts[i] = last;
                }
            }

            postings[f] = new ReceiptPostings(runs, receipts);
        }

        byte[] receiptPrefs = [];
        string[] facilityCodes = [];
        int[] facilities = [];
        if (withFacts)
        {
            receiptPrefs = ReadPrefs(ref reader, receiptCount);
            facilityCodes = new string[reader.Count()];
            for (var f = 0; f < facilityCodes.Length; f++)
            {
                facilityCodes[f] = reader.String();
                if (f > 0 && string.CompareOrdinal(facilityCodes[f - 1], facilityCodes[f]) >= 0) throw reader.Invalid($"facility \"{facilityCodes[f]}\" out of order");
            }

            if (facilityCodes.Length > 0)
            {
                facilities = new int[receiptCount];
                for (var r = 0; r < receiptCount; r++) facilities[r] = reader.Count(facilityCodes.Length) - 1;
            }
        }

        return new IndexSegment(
            components, starts, sexes, birthMonths, prefs, lastDays, fingerprints, byKind,
            new ReceiptColumns(receiptSlots, receiptDays, postings[0], postings[1], postings[2], receiptPrefs, facilityCodes, facilities));
    }

    private static byte[] ReadPrefs(ref SnapshotReader reader, int rows)
    {
        if (reader.Byte() == 0) return [];
        var prefs = reader.Take(rows).ToArray();
        foreach (var pref in prefs)
        {
            if (pref > Prefectures) throw reader.Invalid($"prefecture {pref}");
        }

        return prefs;
    }

    private static void WriteRuns(SnapshotWriter writer, CodeRuns runs)
    {
        writer.Count(runs.Codes);
        for (var code = 0; code <= runs.Codes; code++)
        {
            if (code < runs.Codes) writer.String(runs.Code(code));
            var (from, to) = runs.RunOf(code);
            writer.Count(to - from);
        }
    }

    private static CodeRuns ReadRuns(ref SnapshotReader reader)
    {
        var count = reader.Count();
        var codes = new string[count];
        var starts = new int[count + 2];
        for (var code = 0; code <= count; code++)
        {
            if (code < count)
            {
                codes[code] = reader.String();
                if (code > 0 && string.CompareOrdinal(codes[code - 1], codes[code]) >= 0) throw reader.Invalid($"code \"{codes[code]}\" out of order");
            }

            starts[code + 1] = checked(starts[code] + reader.Count());
        }

        return new CodeRuns(codes, starts);
    }

    /// <summary>Within each run (or the whole column when <paramref name="runs"/> is null) slots ascend, and days ascend within a slot.</summary>
    private static void WriteSlotsAndDays(SnapshotWriter writer, CodeRuns? runs, int[] slots, int[] days)
    {
        var runCount = runs is null ? 1 : runs.Codes + 1;
        for (var run = 0; run < runCount; run++)
        {
            var (from, to) = runs?.RunOf(run) ?? (0, slots.Length);
            int lastSlot = 0, lastDay = 0;
            for (var i = from; i < to; i++)
            {
                var sameSlot = i > from && slots[i] == lastSlot;
                writer.Count(slots[i] - lastSlot);
                writer.Count(sameSlot ? days[i] - lastDay : days[i]);
                lastSlot = slots[i];
                lastDay = days[i];
            }
        }
    }

    private static (int[] Slots, int[] Days) ReadSlotsAndDays(ref SnapshotReader reader, CodeRuns? runs, int rows, int people)
    {
        var slots = new int[rows];
        var days = new int[rows];
        var runCount = runs is null ? 1 : runs.Codes + 1;
        for (var run = 0; run < runCount; run++)
        {
            var (from, to) = runs?.RunOf(run) ?? (0, rows);
            int lastSlot = 0, lastDay = 0;
            for (var i = from; i < to; i++)
            {
                var slot = checked(lastSlot + reader.Count(people));
                if (slot >= people) throw reader.Invalid($"slot {slot} of {people}");
                var sameSlot = i > from && slot == lastSlot;
                var day = sameSlot ? checked(lastDay + reader.Count(MaxDay)) : reader.Count(MaxDay);
                if (day > MaxDay) throw reader.Invalid($"day {day}");
                slots[i] = lastSlot = slot;
                days[i] = lastDay = day;
            }
        }

        return (slots, days);
    }
}
