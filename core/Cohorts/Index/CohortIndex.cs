using System.Buffers;
using Linkage.Disclosure;
using Linkage.Linking;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The cohort index of one partition: the people of its components in columns, counted exactly by cohort-v1
/// definitions without walking any person's events, kept current by <see cref="IndexUpdate"/>s.
/// </summary>
/// <remarks>
/// <para>
/// Live updates go to a small delta (each component's people as compact bytes) and tombstone the component's slots
/// in the immutable main segment; a query counts the main segment's live slots plus a columnar segment built from
/// the delta when it changed. An update is checked when it comes and encoded only when its bytes are needed (a
/// query, a merge, a write): a person ingested a record at a time would otherwise have their whole history encoded
/// again with each record, though only the last encoding of a component is ever read. When the delta passes an
/// eighth of the main segment (or the tombstones a quarter), the two are merged into a new main segment, so an
/// update costs amortised O(its size).
/// </para>
/// <para>
/// Snapshots: <see cref="WriteSnapshot(IBufferWriter{byte})"/> writes everything (merged), <see cref="WriteDelta(IBufferWriter{byte})"/>
/// only the components changed since the last write; <see cref="Load(ReadOnlyMemory{byte}, IEnumerable{ReadOnlyMemory{byte}})"/>
/// takes a snapshot and the deltas written after it, in order, and checks that they follow each other.
/// </para>
/// <para>Not thread-safe: a grain calls it from one thread at a time.</para>
/// </remarks>
public sealed class CohortIndex
{
    /// <summary>The delta never needs merging below this many people.</summary>
    internal const int MinDeltaPeople = 1024;

    /// <summary>The delta may reach 1/DeltaShare of the main segment before a merge.</summary>
    internal const int DeltaShare = 8;

    /// <summary>The tombstoned slots may reach 1/DeadShare of the main segment before a merge.</summary>
    internal const int DeadShare = 4;

    /// <summary>
    /// The events the updates waiting to be encoded may hold before they are encoded anyway: an update from another
    /// silo holds its own copy of its people's summaries (about 100 B an event against the 10 to 20 its encoding
    /// takes), and without queries a partition would keep a checkpoint interval of them.
    /// </summary>
    internal const int MaxWaitingEvents = 1 << 16;

    private static ReadOnlySpan<byte> Magic => "LKCI"u8;
    // Format 2 added the people's fingerprints to snapshots, format 3 each event's own prefecture and each receipt's
    // facility; formats 1 and 2 are still read.
    private const byte FormatVersion = 3, FirstFormatVersion = 1, FactsFormatVersion = 3, SnapshotKind = 0, DeltaKind = 1;

    private readonly Dictionary<long, EncodedComponent> _delta = [];
    private readonly Dictionary<long, byte[]> _unsaved = [];

    // The updates taken since the delta was last encoded, the latest of each component: checked, counted in
    // _deltaPeople, their component's older bytes already out of _delta and its main slots tombstoned.
    private readonly Dictionary<long, IndexUpdate> _pending = [];
    private int _pendingEvents;
    private readonly PersonEncoding.Scratch _scratch = new();
    private IndexSegment _main = IndexSegment.Empty;
    private ulong[] _deadSlots = [];
    private int _deadPeople;
    private int _deltaPeople;
    private IndexSegment? _deltaSegment;
    private long _generation;

    /// <summary>The people the index holds now.</summary>
    public int People => _main.People - _deadPeople + _deltaPeople;

    /// <summary>How many components changed since the last snapshot or delta was written (what the next delta holds).</summary>
    public int UnsavedComponents
    {
        get
        {
            var count = _unsaved.Count;
            foreach (var component in _pending.Keys)
            {
                if (!_unsaved.ContainsKey(component)) count++;
            }

            return count;
        }
    }

    /// <summary>The number of the last snapshot or delta written or loaded; 0 before the first.</summary>
    public long Generation => _generation;

    /// <summary>What the index holds in memory: columns, tombstones, the delta and the changes not yet written.</summary>
    public long EstimatedBytes
    {
        get
        {
            const long entry = 48;
            var bytes = 128 + _main.EstimatedBytes + _deadSlots.Length * 8L + (_deltaSegment?.EstimatedBytes ?? 0);
            foreach (var (_, component) in _delta) bytes += entry + 16 + component.Bytes.Length;
            foreach (var (key, encoded) in _unsaved)
            {
                bytes += entry;
                if (!_delta.TryGetValue(key, out var held) || !ReferenceEquals(held.Bytes, encoded)) bytes += 16 + encoded.Length;
            }

            // A waiting update holds its people's summaries: their own copy when it came from another silo.
            bytes += _pending.Count * (entry + 64L) + _pendingEvents * 100L;
            foreach (var (_, update) in _pending) bytes += PeopleOf(update) * 56L;
            return bytes;
        }
    }

    /// <summary>People in the delta, not yet merged into the main segment.</summary>
    internal int DeltaPeople => _deltaPeople;

    /// <summary>Components whose latest update waits to be encoded.</summary>
    internal int WaitingComponents => _pending.Count;

    /// <summary>Replaces what the index holds for the update's component with its people (none: the component is gone).</summary>
    /// <exception cref="ArgumentException">A person is invalid; the index is unchanged.</exception>
    public void Apply(IndexUpdate update)
    {
        PersonEncoding.Check(update);
        Take(update);
        EncodeIfDue();
        MergeIfDue();
    }

    /// <summary>Applies updates in order (a later one for the same component wins).</summary>
    /// <exception cref="ArgumentException">A person is invalid; none of the updates is applied.</exception>
    public void Apply(IEnumerable<IndexUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var all = updates as IReadOnlyCollection<IndexUpdate> ?? [.. updates];

        // Every update is checked before the first is applied.
        foreach (var update in all) PersonEncoding.Check(update);
        foreach (var update in all) Take(update);
        EncodeIfDue();
        MergeIfDue();
    }

    /// <summary>The exact tally of the people of this index in the cohort <paramref name="definition"/> defines.</summary>
    /// <exception cref="ArgumentException">The definition is one cohort-v1 refuses (e.g. survival without an outcome).</exception>
    public CohortTally Count(CohortDefinition definition) => Count(definition, perturbation: null);

    /// <inheritdoc cref="Count(CohortDefinition)"/>
    /// <param name="perturbation">When counts are perturbed: each group and interval also sums its people's keys.</param>
    public CohortTally Count(CohortDefinition definition, CellPerturbation? perturbation)
    {
        var plan = CohortPlan.Of(definition, perturbation);
        var tally = new TallyAccumulator(plan);
        SegmentCount.Into(plan, _main, _deadPeople > 0 ? _deadSlots : null, tally);
        if (_deltaPeople > 0) SegmentCount.Into(plan, DeltaSegment(), null, tally);
        return tally.ToTally();
    }

    /// <summary>
    /// The index as the analytics read it: the main segment's live people and the delta's, each person in exactly one
    /// slice. Valid until the index next changes.
    /// </summary>
    public IReadOnlyList<IndexSlice> Slices
    {
        get
        {
            var main = new IndexSlice(_main, _deadPeople > 0 ? _deadSlots : null);
            return _deltaPeople > 0 ? [main, new IndexSlice(DeltaSegment(), null)] : [main];
        }
    }

    /// <summary>The components whose people this index holds now.</summary>
    public IEnumerable<ComponentId> Components()
    {
        for (var i = 0; i < _main.Components.Length; i++)
        {
            var start = _main.ComponentStarts[i];
            if (start < _main.ComponentStarts[i + 1] && !Bits.Has(_deadSlots, start)) yield return new ComponentId(_main.Components[i]);
        }

        foreach (var component in _delta.Keys) yield return new ComponentId(component);
        foreach (var (component, update) in _pending)
        {
            if (PeopleOf(update) > 0) yield return new ComponentId(component);
        }
    }

    /// <summary>Merges the delta into a new main segment now (queries give the same answers before and after).</summary>
    public void Merge()
    {
        // First, even with nothing to merge: a waiting update of a component gone is a change the next write holds.
        EncodePending();
        if (_deltaPeople == 0 && _deadPeople == 0) return;
        var builder = SegmentBuilder.Rent();
        try
        {
            builder.AddSurvivors(_main, _deadPeople > 0 ? _deadSlots : null);
            foreach (var (component, encoded) in _delta) PersonEncoding.Read(encoded.Bytes, component, builder);
            _main = builder.Build();
        }
        finally
        {
            builder.Return();
        }

        _deadSlots = Bits.For(_main.People);
        _deadPeople = 0;
        _delta.Clear();
        _deltaPeople = 0;
        _deltaSegment = null;
    }

    /// <summary>Writes the whole index (merging it first); deltas written after it follow it.</summary>
    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Merge();
        var writer = new SnapshotWriter(output);
        WriteHeader(writer, SnapshotKind, _generation + 1);
        SegmentFormat.Write(writer, _main);
        _generation++;
        _unsaved.Clear();
    }

    /// <inheritdoc cref="WriteSnapshot(IBufferWriter{byte})"/>
    public void WriteSnapshot(Stream output) => WriteTo(output, WriteSnapshot);

    /// <summary>
    /// Writes the components changed since the last snapshot or delta (<see cref="UnsavedComponents"/>), for
    /// <see cref="Load(ReadOnlyMemory{byte}, IEnumerable{ReadOnlyMemory{byte}})"/> to apply after it. When storing
    /// it fails, write a snapshot next: the changes it held are no longer tracked.
    /// </summary>
    public void WriteDelta(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EncodePending();
        var writer = new SnapshotWriter(output);
        WriteHeader(writer, DeltaKind, _generation + 1);
        writer.VarInt(_generation);
        writer.Count(_unsaved.Count);
        foreach (var (component, encoded) in _unsaved.OrderBy(u => u.Key))
        {
            writer.VarInt(component);
            writer.Bytes(encoded);
        }

        _generation++;
        _unsaved.Clear();
    }

    /// <inheritdoc cref="WriteDelta(IBufferWriter{byte})"/>
    public void WriteDelta(Stream output) => WriteTo(output, WriteDelta);

    /// <summary>The index a snapshot and the deltas written after it (in order) describe.</summary>
    /// <exception cref="InvalidDataException">The data is not a snapshot and its deltas, is cut short, or a delta does not follow the one before.</exception>
    public static CohortIndex Load(ReadOnlyMemory<byte> snapshot, IEnumerable<ReadOnlyMemory<byte>> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var index = new CohortIndex();
        var reader = new SnapshotReader(snapshot.Span, "index snapshot");
        (index._generation, var version) = ReadHeader(ref reader, SnapshotKind);
        index._main = SegmentFormat.Read(ref reader, withFingerprints: version > FirstFormatVersion, withFacts: version >= FactsFormatVersion);
        if (!reader.AtEnd) throw reader.Invalid("bytes after the snapshot");
        index._deadSlots = Bits.For(index._main.People);

        var number = 0;
        foreach (var delta in deltas)
        {
            number++;
            var deltaReader = new SnapshotReader(delta.Span, $"index delta {number}");
            var (generation, _) = ReadHeader(ref deltaReader, DeltaKind);
            var follows = deltaReader.VarInt();
            if (follows != index._generation)
            {
                throw new InvalidDataException($"index delta {number} follows generation {follows}, but the index is at generation {index._generation}");
            }

            var components = deltaReader.Count();
            for (var c = 0; c < components; c++)
            {
                var component = deltaReader.VarInt();
                var encoded = deltaReader.Bytes().ToArray();
                PersonEncoding.Read(encoded, component, builder: null);
                index.Replace(component, encoded);
            }

            if (!deltaReader.AtEnd) throw deltaReader.Invalid("bytes after the last component");
            index._generation = generation;
        }

        index.MergeIfDue();
        return index;
    }

    /// <inheritdoc cref="Load(ReadOnlyMemory{byte}, IEnumerable{ReadOnlyMemory{byte}})"/>
    public static CohortIndex Load(Stream snapshot, IEnumerable<Stream> deltas)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(deltas);
        return Load(ReadAll(snapshot), deltas.Select(d => (ReadOnlyMemory<byte>)ReadAll(d)));
    }

    /// <summary>Takes a checked update for its component, to be encoded when its bytes are needed.</summary>
    private void Take(IndexUpdate update)
    {
        var component = update.Component.Value;
        Forget(component);
        _pending[component] = update;
        _deltaPeople += PeopleOf(update);
        _pendingEvents += EventsOf(update);
    }

    private static int PeopleOf(IndexUpdate update) => update.People.IsDefault ? 0 : update.People.Length;

    private static int EventsOf(IndexUpdate update)
    {
        var events = 0;
        if (update.People.IsDefault) return 0;
        foreach (var person in update.People) events += person.Events.IsDefault ? 0 : person.Events.Length;
        return events;
    }

    private void EncodeIfDue()
    {
        if (_pendingEvents > MaxWaitingEvents) EncodePending();
    }

    private void Replace(long component, byte[] encoded)
    {
        Forget(component);
        var people = PersonEncoding.PeopleIn(encoded);
        if (people > 0)
        {
            _delta[component] = new EncodedComponent(encoded, people);
            _deltaPeople += people;
        }
    }

    /// <summary>Lets go of what the index holds for a component: its main slots tombstoned, its delta bytes or waiting update dropped.</summary>
    private void Forget(long component)
    {
        var index = _main.IndexOfComponent(component);
        if (index >= 0 && !Bits.Has(_deadSlots, _main.ComponentStarts[index]))
        {
            for (var slot = _main.ComponentStarts[index]; slot < _main.ComponentStarts[index + 1]; slot++) Bits.Set(_deadSlots, slot);
            _deadPeople += _main.ComponentStarts[index + 1] - _main.ComponentStarts[index];
        }

        if (_delta.Remove(component, out var held)) _deltaPeople -= held.People;
        if (_pending.Remove(component, out var waiting))
        {
            _deltaPeople -= PeopleOf(waiting);
            _pendingEvents -= EventsOf(waiting);
        }

        _deltaSegment = null;
    }

    /// <summary>Encodes the waiting updates into the delta and the changes the next write holds, each component once.</summary>
    private void EncodePending()
    {
        if (_pending.Count == 0) return;
        foreach (var (component, update) in _pending)
        {
            var encoded = PersonEncoding.Encode(update, _scratch);
            var people = PeopleOf(update);
            if (people > 0) _delta[component] = new EncodedComponent(encoded, people);
            _unsaved[component] = encoded;
        }

        // The people stay counted in _deltaPeople: they moved from the waiting updates to the delta.
        _pending.Clear();
        _pendingEvents = 0;
    }

    private void MergeIfDue()
    {
        if (_deltaPeople > Math.Max(MinDeltaPeople, _main.People / DeltaShare) || _deadPeople > Math.Max(MinDeltaPeople, _main.People / DeadShare)) Merge();
    }

    private IndexSegment DeltaSegment()
    {
        if (_deltaSegment is null)
        {
            EncodePending();
            var builder = SegmentBuilder.Rent();
            try
            {
                foreach (var (component, encoded) in _delta) PersonEncoding.Read(encoded.Bytes, component, builder);
                _deltaSegment = builder.Build();
            }
            finally
            {
                builder.Return();
            }
        }

        return _deltaSegment;
    }

    private static void WriteHeader(SnapshotWriter writer, byte kind, long generation)
    {
        writer.Raw(Magic);
        writer.Byte(FormatVersion);
        writer.Byte(kind);
        writer.VarInt(generation);
    }

    private static (long Generation, byte Version) ReadHeader(ref SnapshotReader reader, byte kind)
    {
        if (!reader.Take(Magic.Length).SequenceEqual(Magic)) throw reader.Invalid("not a cohort index snapshot (no LKCI)");
        var version = reader.Byte();
        if (version is < FirstFormatVersion or > FormatVersion)
        {
            throw reader.Invalid($"format version {version}, this build reads {FirstFormatVersion} to {FormatVersion}");
        }

        var found = reader.Byte();
        if (found != kind) throw reader.Invalid(found == SnapshotKind ? "a snapshot where a delta belongs" : "a delta where the snapshot belongs");
        return (reader.VarInt(), version);
    }

    private static void WriteTo(Stream output, Action<IBufferWriter<byte>> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        output.Write(buffer.WrittenSpan);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>One component's people in the delta.</summary>
    private readonly record struct EncodedComponent(byte[] Bytes, int People);
}
