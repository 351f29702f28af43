using System.Diagnostics;
using Linkage.Population;

namespace Linkage.Bench;

/// <summary>
/// Linked events per second through the ingest engine: a generated population's lines sent through the one ingest
/// pipeline in batches, in one in-process silo with memory or Azure (Azurite) storage.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int people, int seed, string? storage, int batch, int concurrency, TextWriter output)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed });
        var lines = population.Lines.Select(l => l.Text).ToList();
        output.WriteLine($"population: {people:N0} people, {lines.Count:N0} lines");

        await using var silo = await BenchSilo.StartAsync(storage, batch);
        output.WriteLine($"storage: {(storage is null ? "memory" : "azure (" + storage.Split(';')[0] + ")")}, batch {batch}, {concurrency} concurrent bodies");
        var bodies = lines.Chunk(batch).ToArray();
        foreach (var pass in new[] { "cold", "warm (same lines again: all duplicates)" })
        {
            var (tally, elapsed, _) = await silo.IngestAsync(bodies, concurrency);
            output.WriteLine($"{pass}: {lines.Count:N0} lines in {elapsed.TotalSeconds:N1} s: {lines.Count / elapsed.TotalSeconds:N0} lines/s (accepted {tally.Accepted:N0}, duplicates {tally.Duplicates:N0})");
        }

        output.WriteLine($"process: {Environment.ProcessorCount} cores, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        return 0;
    }
}
