using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.People;

/// <summary>The records of a component by key, with the version rules of events-v1.</summary>
/// <remarks>
/// The records keep one instance of each subject they carry: a person's records nearly always repeat theirs, and a copy
/// per record (its tokens included) was about a sixth of what a record holds in memory.
/// </remarks>
public sealed class ComponentRecords
{
    private readonly Dictionary<RecordKey, FeedEvent> _latest = [];
    private readonly HashSet<Subject> _subjects = [];

    public ComponentRecords(IEnumerable<FeedEvent> stored)
    {
        foreach (var e in stored) _latest[e.Key] = Shared(e);
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
    public bool Apply(FeedEvent version) => Apply(version, out _, out _);

    /// <inheritdoc cref="Apply(FeedEvent)"/>
    /// <param name="replaced">The latest version it replaced (a tombstone too), or null for a record not seen before.</param>
    /// <param name="kept">The instance kept: the version with its subject <see cref="Shared"/>; the version itself for a duplicate.</param>
    public bool Apply(FeedEvent version, out FeedEvent? replaced, out FeedEvent kept)
    {
        kept = version;
        if (_latest.TryGetValue(version.Key, out replaced) && replaced.Version >= version.Version) return false;
        _latest[version.Key] = kept = Shared(version);
        return true;
    }

    /// <summary><paramref name="version"/> with the instance of its subject these records already hold, if one is equal.</summary>
    public FeedEvent Shared(FeedEvent version)
    {
        if (!_subjects.TryGetValue(version.Subject, out var subject))
        {
            _subjects.Add(version.Subject);
            return version;
        }

        return ReferenceEquals(subject, version.Subject) ? version : version with { Subject = subject };
    }

    public FeedEvent? Get(RecordKey key) => _latest.GetValueOrDefault(key);

    public ImmutableArray<FeedEvent> ToImmutableArray() => [.. _latest.Values.OrderBy(e => e.Key)];

    public void Clear()
    {
        _latest.Clear();
        _subjects.Clear();
    }

    /// <summary>Forgets a record altogether (opt-out): no version of it is kept, not even a tombstone, nor its subject.</summary>
    public bool Remove(RecordKey key)
    {
        // The subjects are a cache: all go, so that none of a person who opted out stays.
        _subjects.Clear();
        return _latest.Remove(key);
    }

    public ComponentRecords Clone() => new(_latest.Values);
}
