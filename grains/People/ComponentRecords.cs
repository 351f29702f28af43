using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.People;

/// <summary>The records of a component by key, with the version rules of events-v1.</summary>
public sealed class ComponentRecords
{
    private readonly Dictionary<RecordKey, FeedEvent> _latest = [];

    public ComponentRecords(IEnumerable<FeedEvent> stored)
    {
        foreach (var e in stored) _latest[e.Key] = e;
    }

    public int Count => _latest.Count;

    /// <summary>Latest versions, tombstones included.</summary>
    public IEnumerable<FeedEvent> Latest => _latest.Values;

    /// <summary>The current records: latest versions that are not retracted.</summary>
    public IReadOnlyCollection<FeedEvent> Current()
    {
        var current = new List<FeedEvent>(_latest.Count);
        foreach (var e in _latest.Values)
        {
            if (!e.Retracted) current.Add(e);
        }

        return current;
    }

    /// <summary>Applies one version: true when it replaced the stored one, false for a duplicate (equal or lower version).</summary>
    public bool Apply(FeedEvent version) => Apply(version, out _);

    /// <inheritdoc cref="Apply(FeedEvent)"/>
    /// <param name="replaced">The latest version it replaced (a tombstone too), or null for a record not seen before.</param>
    public bool Apply(FeedEvent version, out FeedEvent? replaced)
    {
        if (_latest.TryGetValue(version.Key, out replaced) && replaced.Version >= version.Version) return false;
        _latest[version.Key] = version;
        return true;
    }

    public FeedEvent? Get(RecordKey key) => _latest.GetValueOrDefault(key);

    public ImmutableArray<FeedEvent> ToImmutableArray() => [.. _latest.Values.OrderBy(e => e.Key)];

    public void Clear() => _latest.Clear();

    /// <summary>Forgets a record altogether (opt-out): no version of it is kept, not even a tombstone.</summary>
    public bool Remove(RecordKey key) => _latest.Remove(key);

    public ComponentRecords Clone() => new(_latest.Values);
}
