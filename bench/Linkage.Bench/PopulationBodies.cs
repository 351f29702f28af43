using Linkage.Population;

namespace Linkage.Bench;

/// <summary>A generated population's lines, in arrival order, cut into ingest bodies.</summary>
public static class PopulationBodies
{
    /// <summary>The bodies of (people, seed); the population itself is left for the GC, as a silo never holds it.</summary>
    public static string[][] Of(int people, int seed, int linesPerBody) =>
        [.. PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed }).Lines.Select(l => l.Text).Chunk(linesPerBody)];
}
