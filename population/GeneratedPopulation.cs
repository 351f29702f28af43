using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>A generated population: every feed line in arrival order, the events they hold, and who each record is about.</summary>
public sealed class GeneratedPopulation
{
    private readonly string[] _sources;
    private readonly byte[][] _utf8;
    private readonly FeedEvent?[] _events;

    internal GeneratedPopulation(PopulationOptions options, GeneratedLine[] lines, Dictionary<RecordKey, int> truth)
    {
        Options = options;
        _sources = [.. lines.Select(l => l.Source)];
        _utf8 = [.. lines.Select(l => l.Utf8)];
        _events = [.. lines.Select(l => l.Event)];
        Lines = new FeedLineList(_sources, _utf8);
        Truth = truth;
        Sources = [.. _sources.Distinct().Order(StringComparer.Ordinal)];
    }

    public PopulationOptions Options { get; }

    /// <summary>
    /// Every line as the feeds deliver it, in arrival (shuffled) order: malformed lines, duplicates, corrections
    /// and retractions included.
    /// </summary>
    public IReadOnlyList<FeedLine> Lines { get; }

    /// <summary>The event each line of <see cref="Lines"/> holds (same index), or null for a malformed line.</summary>
    public IReadOnlyList<FeedEvent?> Events => _events;

    /// <summary>The true person (0 .. People-1) of every valid record, retracted ones included.</summary>
    public IReadOnlyDictionary<RecordKey, int> Truth { get; }

    /// <summary>The feeds, sorted; each becomes one <c>.ndjson</c> file.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The lines of each feed, in arrival order.</summary>
    public ILookup<string, FeedLine> LinesBySource() => Lines.ToLookup(l => l.Source, StringComparer.Ordinal);

    /// <summary>The indexes of each feed's lines, in arrival order, feeds sorted.</summary>
    internal IEnumerable<(string Source, IEnumerable<int> Lines)> LineIndexesBySource() =>
        Enumerable.Range(0, _sources.Length)
            .GroupBy(i => _sources[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IEnumerable<int>)g));

    /// <summary>Line <paramref name="index"/> as the UTF-8 bytes a file holds.</summary>
    internal ReadOnlyMemory<byte> Utf8Line(int index) => _utf8[index];

    /// <summary>
    /// The records an ingester should hold after all the lines: for each (source, recordId) its highest version,
    /// retracted records left out, malformed lines ignored; sorted by key.
    /// </summary>
    public IReadOnlyList<FeedEvent> CurrentRecords()
    {
        var latest = new Dictionary<RecordKey, FeedEvent>(Truth.Count);
        foreach (var feedEvent in _events)
        {
            if (feedEvent is null) continue;
            if (!latest.TryGetValue(feedEvent.Key, out var held) || held.Version < feedEvent.Version) latest[feedEvent.Key] = feedEvent;
        }

        return [.. latest.Values.Where(e => !e.Retracted).OrderBy(e => e.Key)];
    }
}
