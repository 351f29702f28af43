using Linkage.Population;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// An endless supply of ingest bodies for senders that must still be sending when a host dies, whenever that is:
/// generated populations one after another, each with sources of its own (so no record key repeats between them).
/// </summary>
public sealed class CrashFeed(string run, int linesPerBody)
{
    private readonly object _lock = new();
    private readonly Queue<string[]> _bodies = new();
    private int _generation;

    /// <summary>The next body's NDJSON lines (another population is generated when one runs out).</summary>
    public string[] Next()
    {
        lock (_lock)
        {
            if (_bodies.Count == 0)
            {
                foreach (var body in Population(run + "g" + _generation, seed: 100 + _generation, people: 60).Chunk(linesPerBody)) _bodies.Enqueue(body);
                _generation++;
            }

            return _bodies.Dequeue();
        }
    }

    /// <summary>A generated population's lines, every source renamed <c>{tag}-{source}</c>.</summary>
    public static List<string> Population(string tag, int seed, int people) =>
        PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed, Secret = tag, ActivityScale = 0.6 }).Lines
            .Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{tag}-", StringComparison.Ordinal)).ToList();
}
