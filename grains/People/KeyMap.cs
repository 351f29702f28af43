using System.Buffers;
using System.Buffers.Binary;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>
/// A key directory partition's contents: routing key hash → the component its first records went to (or, once that
/// was merged away and <see cref="Repoint"/> was told, its survivor), with the changes since the last flush kept aside
/// so that a flush writes only those.
/// </summary>
/// <remarks>Records (base or changes) are a count of added entries (key, component), then a count of removed keys.</remarks>
public sealed class KeyMap
{
    private const int EntryBytes = 16;

    private readonly Dictionary<ulong, long> _components = [];
    private List<KeyValuePair<ulong, long>> _added = [];
    private List<ulong> _removed = [];
    private long _bytesSinceBase;

    public int Count => _components.Count;

    public bool HasChanges => _added.Count > 0 || _removed.Count > 0;

    /// <summary>True when the changes written since the last base outweigh a new base: time to compact.</summary>
    public bool ShouldCompact => _bytesSinceBase > Math.Max(1L << 20, (long)_components.Count * EntryBytes);

    public ComponentId Resolve(ulong key, ComponentId candidate)
    {
        if (_components.TryGetValue(key, out var existing)) return new ComponentId(existing);
        _components[key] = candidate.Value;
        _added.Add(new(key, candidate.Value));
        return candidate;
    }

    public ComponentId? Find(ulong key) => _components.TryGetValue(key, out var c) ? new ComponentId(c) : null;

    /// <summary>Sets the key's component unless it has one; answers the one it has now.</summary>
    public ComponentId Restore(ulong key, ComponentId component) => Resolve(key, component);

    public void Forget(ulong key)
    {
        if (_components.Remove(key)) _removed.Add(key);
    }

    /// <summary>Makes the key resolve to <see cref="ComponentId.OptedOut"/> for good.</summary>
    public void OptOut(ulong key)
    {
        _components[key] = ComponentId.OptedOut.Value;
        _added.Add(new(key, ComponentId.OptedOut.Value));
    }

    /// <summary>
    /// Gives every key whose component was merged away the survivor instead (<paramref name="survivors"/>: merged →
    /// survivor), as a change the next flush journals; answers how many keys changed. One pass over the partition, so
    /// callers gather many merges per call.
    /// </summary>
    public int Repoint(IReadOnlyDictionary<long, long> survivors)
    {
        if (survivors.Count == 0) return 0;
        var changed = new List<KeyValuePair<ulong, long>>();
        foreach (var (key, component) in _components)
        {
            if (survivors.TryGetValue(component, out var survivor) && survivor != component) changed.Add(new(key, survivor));
        }

        foreach (var entry in changed) _components[entry.Key] = entry.Value;
        _added.AddRange(changed);
        return changed.Count;
    }

    /// <summary>Takes the changes since the last flush as a record; <see cref="GiveBack"/> them if writing it fails.</summary>
    public (byte[] Record, Changes Taken) TakeChanges()
    {
        var taken = new Changes(_added, _removed);
        _added = [];
        _removed = [];
        var record = Write(taken.Added, taken.Removed);
        return (record, taken);
    }

    public void Written(byte[] record) => _bytesSinceBase += record.Length;

    public void GiveBack(Changes changes)
    {
        _added.InsertRange(0, changes.Added);
        _removed.InsertRange(0, changes.Removed);
    }

    /// <summary>All entries as one record, to start the journal afresh.</summary>
    public byte[] WriteBase()
    {
        var record = Write([.. _components], []);
        _bytesSinceBase = 0;
        return record;
    }

    /// <summary>Replays a journal's records in order.</summary>
    public void Load(IEnumerable<ReadOnlyMemory<byte>> records)
    {
        foreach (var record in records)
        {
            var span = record.Span;
            var added = BinaryPrimitives.ReadInt32LittleEndian(span);
            var offset = 4;
            for (var i = 0; i < added; i++, offset += EntryBytes)
            {
                _components[BinaryPrimitives.ReadUInt64LittleEndian(span[offset..])] = BinaryPrimitives.ReadInt64LittleEndian(span[(offset + 8)..]);
            }

            var removed = BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
            offset += 4;
            for (var i = 0; i < removed; i++, offset += 8) _components.Remove(BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]));
            _bytesSinceBase += record.Length;
        }
    }

    private static byte[] Write(IReadOnlyCollection<KeyValuePair<ulong, long>> added, IReadOnlyCollection<ulong> removed)
    {
        var record = new byte[4 + added.Count * EntryBytes + 4 + removed.Count * 8];
        var span = record.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, added.Count);
        var offset = 4;
        foreach (var (key, component) in added)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], key);
            BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], component);
            offset += EntryBytes;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], removed.Count);
        offset += 4;
        foreach (var key in removed)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], key);
            offset += 8;
        }

        return record;
    }

    /// <summary>Changes taken for a flush.</summary>
    public sealed record Changes(List<KeyValuePair<ulong, long>> Added, List<ulong> Removed);
}
