using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// Collects people and their events in any order (from encoded updates, or the live slots of an older segment) and
/// sorts them into an <see cref="IndexSegment"/>: people by component, events by (code, slot, day).
/// </summary>
/// <remarks>
/// Its columns grow to a partition's size on every merge, on the large-object heap: <see cref="Rent"/> and
/// <see cref="Return"/> keep a few builders with their capacity for the next merge instead (until the next full
/// collection: the pool holds them weakly, so an idle silo keeps no builder), and the sort's working
/// arrays are rented (<see cref="WorkingArrays"/>).
/// </remarks>
internal sealed class SegmentBuilder
{
    // About as many merges run at once as there are cores. A builder grown past a large partition is let go, so that
    // the pool holds at most a few tens of MB (a million people in 64 partitions is about 16,000 a partition).
    private static readonly Stack<WeakReference<SegmentBuilder>> Pool = new();
    private static readonly int PoolSize = Environment.ProcessorCount;
    private const int PooledPeople = 1 << 16;

    private readonly List<long> _components = [];
    private readonly List<byte> _sexes = [];
    private readonly List<int> _birthMonths = [];
    private readonly List<byte> _prefs = [];
    private readonly List<int> _lastDays = [];
    private readonly List<ulong> _fingerprints = [];
    private readonly KindRows[] _kinds = [.. Enumerable.Range(0, IndexSegment.KindCount).Select(_ => new KindRows())];
    private readonly List<int> _receiptSlots = [];
    private readonly List<int> _receiptDays = [];
    private readonly List<byte> _receiptPrefs = [];
    private readonly List<int> _receiptFacilities = [];
    private readonly CodeInterner _facilities = new();
    private readonly PostingRows[] _postings = [new(), new(), new()];

    public int People => _sexes.Count;

    /// <summary>An empty builder, one used before when there is one.</summary>
    public static SegmentBuilder Rent()
    {
        lock (Pool)
        {
            while (Pool.TryPop(out var kept))
            {
                if (kept.TryGetTarget(out var builder)) return builder;
            }
        }

        return new SegmentBuilder();
    }

    /// <summary>Empties the builder and keeps it for <see cref="Rent"/>; nothing may use it after.</summary>
    public void Return()
    {
        if (People > PooledPeople) return;
        Reset();
        lock (Pool)
        {
            if (Pool.Count < PoolSize) Pool.Push(new WeakReference<SegmentBuilder>(this));
        }
    }

    /// <summary>Empties the builder, keeping its columns' capacity.</summary>
    public void Reset()
    {
        _components.Clear();
        _sexes.Clear();
        _birthMonths.Clear();
        _prefs.Clear();
        _lastDays.Clear();
        _fingerprints.Clear();
        foreach (var rows in _kinds) rows.Clear();
        _receiptSlots.Clear();
        _receiptDays.Clear();
        _receiptPrefs.Clear();
        _receiptFacilities.Clear();
        _facilities.Clear();
        foreach (var postings in _postings) postings.Clear();
    }

    /// <summary>Adds a person; the events added for the returned slot are theirs.</summary>
    /// <param name="fingerprint">The person's fingerprint (<c>CellPerturbation.Fingerprint</c>), which may also be set later.</param>
    public int AddPerson(long component, byte sex, int birthMonth, byte pref, int lastDay, ulong fingerprint = 0)
    {
        _components.Add(component);
        _fingerprints.Add(fingerprint);
        _sexes.Add(sex);
        _birthMonths.Add(birthMonth);
        _prefs.Add(pref);
        _lastDays.Add(lastDay);
        return _sexes.Count - 1;
    }

    public void SetFingerprint(int slot, ulong fingerprint) => _fingerprints[slot] = fingerprint;

    public int InternCode(EventKind kind, ReadOnlySpan<char> code) => _kinds[(int)kind].Codes.Intern(code);

    /// <param name="code">From <see cref="InternCode"/>, or -1 when the record gives none.</param>
    /// <param name="value"><see cref="double.NaN"/> when the record gives none.</param>
    /// <param name="pref">The record's own prefecture, or <see cref="IndexSegment.NoPref"/>.</param>
    public void AddEvent(EventKind kind, int slot, int code, int day, double value, byte flag, byte pref)
    {
        var rows = _kinds[(int)kind];
        rows.Code.Add(code);
        rows.Slot.Add(slot);
        rows.Day.Add(day);
        rows.Value.Add(value);
        rows.Flag.Add(flag);
        rows.Pref.Add(pref);
        rows.AnyValue |= !double.IsNaN(value);
        rows.AnyFlag |= flag != EventColumns.NoFlag;
        rows.AnyPref |= pref != IndexSegment.NoPref;
    }

    /// <summary>Adds a receipt; its codes are added with <see cref="AddReceiptCode"/>.</summary>
    /// <param name="pref">The record's own prefecture, or <see cref="IndexSegment.NoPref"/>.</param>
    /// <param name="facility">From <see cref="InternFacility"/>, or -1 when the receipt gives none.</param>
    public int AddReceipt(int slot, int day, byte pref, int facility)
    {
        _receiptSlots.Add(slot);
        _receiptDays.Add(day);
        _receiptPrefs.Add(pref);
        _receiptFacilities.Add(facility);
        return _receiptSlots.Count - 1;
    }

    public int InternFacility(ReadOnlySpan<char> facility) => _facilities.Intern(facility);

    public int InternReceiptCode(ReceiptField field, ReadOnlySpan<char> code) => _postings[(int)field].Codes.Intern(code);

    public void AddReceiptCode(ReceiptField field, int receipt, int code)
    {
        var postings = _postings[(int)field];
        postings.Code.Add(code);
        postings.Receipt.Add(receipt);
    }

    /// <summary>Adds the people of <paramref name="segment"/> whose slots are not set in <paramref name="deadSlots"/>, with their events.</summary>
    public void AddSurvivors(IndexSegment segment, ulong[]? deadSlots)
    {
        EnsureCapacity(segment);
        var slotOf = WorkingArrays.Rent<int>(segment.People);
        var receiptOf = WorkingArrays.Rent<int>(segment.Receipts.Rows);
        try
        {
            AddSurvivors(segment, deadSlots, slotOf, receiptOf);
        }
        finally
        {
            WorkingArrays.Return(slotOf);
            WorkingArrays.Return(receiptOf);
        }
    }

    private void AddSurvivors(IndexSegment segment, ulong[]? deadSlots, int[] slotOf, int[] receiptOf)
    {
        for (var c = 0; c < segment.Components.Length; c++)
        {
            for (var slot = segment.ComponentStarts[c]; slot < segment.ComponentStarts[c + 1]; slot++)
            {
                slotOf[slot] = deadSlots is not null && Bits.Has(deadSlots, slot)
                    ? -1
                    : AddPerson(segment.Components[c], segment.Sexes[slot], segment.BirthMonths[slot], segment.Prefs[slot], segment.LastDays[slot], segment.Fingerprints[slot]);
            }
        }

        foreach (var kind in Enum.GetValues<EventKind>())
        {
            if (kind == EventKind.Receipt) continue;
            var columns = segment.Events(kind);
            for (var code = 0; code <= columns.Codes.Codes; code++)
            {
                var (from, to) = columns.Codes.RunOf(code);
                var id = -2;
                for (var row = from; row < to; row++)
                {
                    var slot = slotOf[columns.Slots[row]];
                    if (slot < 0) continue;
                    if (id == -2) id = code == columns.Codes.Codes ? -1 : _kinds[(int)kind].Codes.Intern(columns.Codes.Code(code));
                    AddEvent(kind, slot, id, columns.Days[row],
                        columns.Values.Length == 0 ? double.NaN : columns.Values[row],
                        columns.Flags.Length == 0 ? EventColumns.NoFlag : columns.Flags[row],
                        columns.PrefOf(row));
                }
            }
        }

        var receipts = segment.Receipts;
        for (var receipt = 0; receipt < receipts.Rows; receipt++)
        {
            var slot = slotOf[receipts.Slots[receipt]];
            if (slot < 0)
            {
                receiptOf[receipt] = -1;
                continue;
            }

            var facility = receipts.FacilityOf(receipt) is { } code ? InternFacility(code) : -1;
            receiptOf[receipt] = AddReceipt(slot, receipts.Days[receipt], receipts.PrefOf(receipt), facility);
        }

        foreach (var (field, postings) in new[]
                 {
                     (ReceiptField.Diagnosis, receipts.Diagnoses), (ReceiptField.Procedure, receipts.Procedures), (ReceiptField.Drug, receipts.Drugs),
                 })
        {
            for (var code = 0; code < postings.Codes.Codes; code++)
            {
                var (from, to) = postings.Codes.RunOf(code);
                var id = -1;
                for (var i = from; i < to; i++)
                {
                    var receipt = receiptOf[postings.Receipts[i]];
                    if (receipt < 0) continue;
                    if (id < 0) id = _postings[(int)field].Codes.Intern(postings.Codes.Code(code));
                    AddReceiptCode(field, receipt, id);
                }
            }
        }
    }

    private void EnsureCapacity(IndexSegment segment)
    {
        var people = People + segment.People;
        foreach (var list in (List<int>[])[_birthMonths, _lastDays]) list.EnsureCapacity(people);
        _components.EnsureCapacity(people);
        _fingerprints.EnsureCapacity(people);
        _sexes.EnsureCapacity(people);
        _prefs.EnsureCapacity(people);
        for (var k = 0; k < _kinds.Length; k++) _kinds[k].EnsureCapacity(segment.Events((EventKind)k).Rows);
        _receiptSlots.EnsureCapacity(_receiptSlots.Count + segment.Receipts.Rows);
        _receiptDays.EnsureCapacity(_receiptDays.Count + segment.Receipts.Rows);
        _receiptPrefs.EnsureCapacity(_receiptPrefs.Count + segment.Receipts.Rows);
        _receiptFacilities.EnsureCapacity(_receiptFacilities.Count + segment.Receipts.Rows);
        _postings[0].EnsureCapacity(segment.Receipts.Diagnoses.Receipts.Length);
        _postings[1].EnsureCapacity(segment.Receipts.Procedures.Receipts.Length);
        _postings[2].EnsureCapacity(segment.Receipts.Drugs.Receipts.Length);
    }

    public IndexSegment Build()
    {
        var people = People;
        var order = WorkingArrays.Rent<int>(people);
        var components = WorkingArrays.Rent<long>(people);
        var newSlot = WorkingArrays.Rent<int>(people);
        try
        {
            for (var slot = 0; slot < people; slot++) order[slot] = slot;
            _components.CopyTo(components);
            TailSort.Sort(components, order, 0, people);
            for (var slot = 0; slot < people; slot++) newSlot[order[slot]] = slot;
            return Build(people, order, components, newSlot);
        }
        finally
        {
            WorkingArrays.Return(order);
            WorkingArrays.Return(components);
            WorkingArrays.Return(newSlot);
        }
    }

    /// <param name="order">The slots added, sorted by component.</param>
    /// <param name="components">Their components, sorted.</param>
    /// <param name="newSlot">Each added slot's place in <paramref name="order"/>.</param>
    private IndexSegment Build(int people, int[] order, long[] components, int[] newSlot)
    {
        var distinct = new List<long>();
        var starts = new List<int>();
        for (var slot = 0; slot < people; slot++)
        {
            var component = components[slot];
            if (distinct.Count > 0 && distinct[^1] == component) continue;
            distinct.Add(component);
            starts.Add(slot);
        }

        starts.Add(people);
        var sexes = Permute(_sexes, order, people);
        var birthMonths = Permute(_birthMonths, order, people);
        var prefs = Permute(_prefs, order, people);
        var lastDays = Permute(_lastDays, order, people);
        var fingerprints = Permute(_fingerprints, order, people);
        var byKind = new EventColumns[IndexSegment.KindCount];
        for (var k = 0; k < byKind.Length; k++) byKind[k] = _kinds[k].Build((EventKind)k, newSlot);

        return new IndexSegment([.. distinct], [.. starts], sexes, birthMonths, prefs, lastDays, fingerprints, byKind, BuildReceipts(newSlot));
    }

    private ReceiptColumns BuildReceipts(int[] newSlot)
    {
        var count = _receiptSlots.Count;
        var keys = WorkingArrays.Rent<long>(count);
        var order = WorkingArrays.Rent<int>(count);
        var newReceipt = WorkingArrays.Rent<int>(count);
        try
        {
            return BuildReceipts(newSlot, count, keys, order, newReceipt);
        }
        finally
        {
            WorkingArrays.Return(keys);
            WorkingArrays.Return(order);
            WorkingArrays.Return(newReceipt);
        }
    }

    private ReceiptColumns BuildReceipts(int[] newSlot, int count, long[] keys, int[] order, int[] newReceipt)
    {
        for (var r = 0; r < count; r++)
        {
            keys[r] = Key(newSlot[_receiptSlots[r]], _receiptDays[r]);
            order[r] = r;
        }

        TailSort.Sort(keys, order, 0, count);

        // Receipts of one person and day keep the order they were added in (by source, then recordId, as summaries
        // list them): the facility key takes the first matching one.
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }

        var (facilityCodes, rankOfFacility) = _facilities.Ranked();
        var anyPref = _receiptPrefs.Exists(static p => p != IndexSegment.NoPref);
        var slots = new int[count];
        var days = new int[count];
        var prefs = anyPref ? new byte[count] : [];
        var facilities = facilityCodes.Length > 0 ? new int[count] : [];
        for (var i = 0; i < count; i++)
        {
            slots[i] = (int)(keys[i] >> 32);
            days[i] = (int)keys[i];
            newReceipt[order[i]] = i;
            if (anyPref) prefs[i] = _receiptPrefs[order[i]];
            if (facilities.Length > 0) facilities[i] = _receiptFacilities[order[i]] is var id and >= 0 ? rankOfFacility[id] : -1;
        }

        return new ReceiptColumns(
            slots, days, _postings[0].Build(newReceipt), _postings[1].Build(newReceipt), _postings[2].Build(newReceipt),
            prefs, facilityCodes, facilities);
    }

    private static T[] Permute<T>(List<T> values, int[] order, int count)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++) result[i] = values[order[i]];
        return result;
    }

    /// <summary>Sorts by slot, then day (day numbers are never negative).</summary>
    private static long Key(int slot, int day) => ((long)slot << 32) | (uint)day;

    /// <summary>Counting sort of rows by code rank, the entries without a code last: the offsets of each run.</summary>
    /// <param name="order">Rented: the caller gives it back to <see cref="WorkingArrays"/>.</param>
    private static int[] RunsByRank(List<int> codeIds, int[] rankOfId, out int[] order)
    {
        var codes = rankOfId.Length;
        var starts = new int[codes + 2];
        foreach (var id in codeIds) starts[(id < 0 ? codes : rankOfId[id]) + 1]++;
        for (var r = 1; r < starts.Length; r++) starts[r] += starts[r - 1];
        var next = starts[..^1];
        order = WorkingArrays.Rent<int>(codeIds.Count);
        for (var row = 0; row < codeIds.Count; row++)
        {
            var id = codeIds[row];
            order[next[id < 0 ? codes : rankOfId[id]]++] = row;
        }

        return starts;
    }

    /// <summary>The events of one kind as they arrived.</summary>
    private sealed class KindRows
    {
        public CodeInterner Codes { get; } = new();
        public List<int> Code { get; } = [];
        public List<int> Slot { get; } = [];
        public List<int> Day { get; } = [];
        public List<double> Value { get; } = [];
        public List<byte> Flag { get; } = [];
        public List<byte> Pref { get; } = [];
        public bool AnyValue { get; set; }
        public bool AnyFlag { get; set; }
        public bool AnyPref { get; set; }

        public void Clear()
        {
            Codes.Clear();
            Code.Clear();
            Slot.Clear();
            Day.Clear();
            Value.Clear();
            Flag.Clear();
            Pref.Clear();
            (AnyValue, AnyFlag, AnyPref) = (false, false, false);
        }

        public void EnsureCapacity(int more)
        {
            var rows = Code.Count + more;
            Code.EnsureCapacity(rows);
            Slot.EnsureCapacity(rows);
            Day.EnsureCapacity(rows);
            Value.EnsureCapacity(rows);
            Flag.EnsureCapacity(rows);
            Pref.EnsureCapacity(rows);
        }

        public EventColumns Build(EventKind kind, int[] newSlot)
        {
            var (sorted, rankOfId) = Codes.Ranked();
            var starts = RunsByRank(Code, rankOfId, out var order);
            var rows = Code.Count;
            var keys = WorkingArrays.Rent<long>(rows);
            try
            {
                return Build(kind, newSlot, sorted, starts, rows, order, keys);
            }
            finally
            {
                WorkingArrays.Return(order);
                WorkingArrays.Return(keys);
            }
        }

        private EventColumns Build(EventKind kind, int[] newSlot, string[] sorted, int[] starts, int rows, int[] order, long[] keys)
        {
            for (var i = 0; i < rows; i++) keys[i] = Key(newSlot[Slot[order[i]]], Day[order[i]]);
            for (var run = 0; run + 1 < starts.Length; run++) TailSort.Sort(keys, order, starts[run], starts[run + 1]);

            var slots = new int[rows];
            var days = new int[rows];
            var values = AnyValue ? new double[rows] : [];
            var flags = AnyFlag ? new byte[rows] : [];
            var prefs = AnyPref ? new byte[rows] : [];
            for (var i = 0; i < rows; i++)
            {
                slots[i] = (int)(keys[i] >> 32);
                days[i] = (int)keys[i];
                if (AnyValue) values[i] = Value[order[i]];
                if (AnyFlag) flags[i] = Flag[order[i]];
                if (AnyPref) prefs[i] = Pref[order[i]];
            }

            return new EventColumns(kind, new CodeRuns(sorted, starts), slots, days, values, flags, prefs);
        }
    }

    /// <summary>The (code, receipt) pairs of one receipt field as they arrived.</summary>
    private sealed class PostingRows
    {
        public CodeInterner Codes { get; } = new();
        public List<int> Code { get; } = [];
        public List<int> Receipt { get; } = [];

        public void Clear()
        {
            Codes.Clear();
            Code.Clear();
            Receipt.Clear();
        }

        public void EnsureCapacity(int more)
        {
            Code.EnsureCapacity(Code.Count + more);
            Receipt.EnsureCapacity(Receipt.Count + more);
        }

        public ReceiptPostings Build(int[] newReceipt)
        {
            var (sorted, rankOfId) = Codes.Ranked();
            var starts = RunsByRank(Code, rankOfId, out var order);
            var receipts = new int[Code.Count];
            for (var i = 0; i < receipts.Length; i++) receipts[i] = newReceipt[Receipt[order[i]]];
            WorkingArrays.Return(order);
            for (var run = 0; run + 1 < starts.Length; run++) TailSort.Sort(receipts, starts[run], starts[run + 1]);
            return new ReceiptPostings(new CodeRuns(sorted, starts), receipts);
        }
    }
}
