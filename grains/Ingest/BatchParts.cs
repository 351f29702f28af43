using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>
/// The parts one ingest was made of (the batches of a feed-stream message, each with its own id in the feed ledger),
/// so that the lines of all of them take one pass through the pipeline (one resolve, one log append) while each part
/// still gets its own tally and rejections.
/// </summary>
/// <remarks>
/// A group of connected record versions is routed whole, to one component, but its versions are added part by part
/// in part order (<see cref="Slices"/>): the component's answer then counts each part's versions apart.
/// </remarks>
public sealed class BatchParts
{
    private readonly Dictionary<FeedEvent, int> _partOf = new(ReferenceEqualityComparer.Instance);
    private readonly IngestTally[] _tallies;
    private readonly List<FeedRejection>[] _rejected;
    private readonly int[] _versions;
    private readonly bool[] _read;

    public BatchParts(int count)
    {
        _tallies = new IngestTally[count];
        _rejected = new List<FeedRejection>[count];
        _versions = new int[count];
        _read = new bool[count];
        for (var i = 0; i < count; i++) _rejected[i] = [];
    }

    /// <summary>Files a valid version under its part.</summary>
    public void Add(FeedEvent version, int part)
    {
        _partOf.Add(version, part);
        _versions[part]++;
    }

    /// <summary>Every line of <paramref name="part"/> has been read.</summary>
    public void Read(int part) => _read[part] = true;

    /// <summary>
    /// Every line of <paramref name="part"/> was read and every valid version of it counted: what an ingest that failed
    /// elsewhere (another part's group) still did completely for this part, logged and applied.
    /// </summary>
    public bool IsComplete(int part)
    {
        lock (_tallies)
        {
            var t = _tallies[part];
            return _read[part] && t.Accepted + t.Duplicates + t.OptedOut == _versions[part];
        }
    }

    /// <summary>Files a rejected line under its part.</summary>
    public void Reject(FeedRejection rejection, int part) => _rejected[part].Add(rejection);

    /// <summary>Counts what became of versions of <paramref name="part"/> (the router's lanes count at once).</summary>
    public void Count(int part, IngestTally tally)
    {
        lock (_tallies) _tallies[part] += tally;
    }

    /// <summary>Counts the versions of <paramref name="events"/> not in <paramref name="kept"/> as opted out, each under its part.</summary>
    public void CountDropped(IReadOnlyList<FeedEvent> events, IReadOnlyCollection<FeedEvent> kept)
    {
        var keptSet = new HashSet<FeedEvent>(kept, ReferenceEqualityComparer.Instance);
        foreach (var e in events)
        {
            if (!keptSet.Contains(e)) Count(_partOf[e], new IngestTally(0, 0, 1));
        }
    }

    /// <summary>A group's versions split by part, parts in order, each part's versions in their order.</summary>
    public IReadOnlyList<(int Part, ImmutableArray<FeedEvent> Events)> Slices(ImmutableArray<FeedEvent> events)
    {
        var first = _partOf[events[0]];
        var single = true;
        foreach (var e in events) single &= _partOf[e] == first;
        if (single) return [(first, events)];

        return [.. events.GroupBy(e => _partOf[e]).OrderBy(g => g.Key).Select(g => (g.Key, g.ToImmutableArray()))];
    }

    /// <summary>What became of <paramref name="part"/>'s lines.</summary>
    public IngestAnswer Answer(int part)
    {
        lock (_tallies) return IngestAnswer.Of(_tallies[part], _rejected[part]);
    }
}
