namespace Linkage.Bench;

/// <summary>
/// The <c>safety</c> and <c>benchmarks</c> commands on one generated population: what each does, sharing the
/// generation, the index and the Parquet export (at a million people the generation alone takes most of the run).
/// </summary>
internal static class AnalyticsBenchmark
{
    public static async Task<int> RunAsync(int people, int seed, int facilities, int runs, bool partitioned, int? duckDbThreads, TextWriter output)
    {
        output.WriteLine($"analytics --people {people} --seed {seed} --facilities {facilities} --runs {runs}{(partitioned ? "" : " --no-partitions")}");
        output.WriteLine(CohortBenchmark.Machine.Describe());
        (Cohorts.Index.CohortIndex[]? Partitions, MonitorBatch Batch) safety = default;
        long[] expected = [];
        using var population = await ExportedPopulation.CreateAsync(people, seed, facilities, duckDbThreads, output, linked =>
        {
            safety = SafetyBenchmark.Prepare(linked, partitioned, output);
            expected = BenchmarkLatency.Expected(linked);
        });

        output.WriteLine();
        output.WriteLine("## safety");
        var safetyResult = SafetyBenchmark.Compare(population.Index, safety.Partitions, safety.Batch!, population.Duck, runs, output);
        output.WriteLine();
        output.WriteLine("## benchmarks");
        var benchmarkResult = BenchmarkLatency.Compare(expected, population.Index, population.Duck, runs, output);
        return Math.Max(safetyResult, benchmarkResult);
    }
}
