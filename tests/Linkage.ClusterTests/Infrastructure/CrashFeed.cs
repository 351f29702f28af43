using Linkage.Population;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// An endless supply of ingest bodies for senders that must still be sending when a host dies, whenever that is:
/// generated populations one after another, each with sources of its own (so no record key repeats between them).
/// </summary>
public sealed class CrashFeed
{
    private readonly object _lock = new();
    private readonly Queue<string[]> _bodies = new();
    private readonly string _run;
    private readonly int _linesPerBody;
    private int _generation;

    /// <summary>Generates the first populations now: senders waiting on a generation would have no body in flight.</summary>
    public CrashFeed(string run, int linesPerBody, int people = 400)
    {
        (_run, _linesPerBody) = (run, linesPerBody);
        Generate(people);
    }

    /// <summary>The next body's NDJSON lines (another population is generated if they run out).</summary>
    public string[] Next()
    {
        lock (_lock)
        {
            if (_bodies.Count == 0) Generate(100);
            return _bodies.Dequeue();
        }
    }

    private void Generate(int people)
    {
        foreach (var body in Population(_run + "g" + _generation, seed: 100 + _generation, people).Chunk(_linesPerBody)) _bodies.Enqueue(body);
        _generation++;
    }

    /// <summary>A generated population's lines, every source renamed <c>{tag}-{source}</c>.</summary>
    public static List<string> Population(string tag, int seed, int people) =>
        PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed, Secret = tag, ActivityScale = 0.6 }).Lines
            .Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{tag}-", StringComparison.Ordinal)).ToList();
}
