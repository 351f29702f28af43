using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Linking;
using Linkage.People;
using Linkage.Recovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkage.Bench;

/// <summary>
/// Many people in one silo's memory, ingested in slices (each a population of its own): ingest rate, and what an
/// active person (its grain, records and partition) and an idle one (left after its snapshot was written and its
/// grain collected: its key directory entries and its cohort index entry) cost in memory.
/// </summary>
public static class MillionPeopleBenchmark
{
    public static async Task<MillionPeopleResult> RunAsync(int slices, int peoplePerSlice, int batch, int concurrency, TextWriter output)
    {
        await using var silo = await BenchSilo.StartAsync(null, new Dictionary<string, string?>
        {
            ["Linkage:Engine:BatchEvents"] = batch.ToString(),
            ["Linkage:Engine:CheckpointInterval"] = "00:00:30",
        });
        var engine = silo.Services.GetRequiredService<IOptions<LinkageEngineOptions>>().Value;
        var checkpointer = silo.Services.GetRequiredService<Checkpointer>();
        var management = silo.Client.GetGrain<IManagementGrain>(0);
        var baseline = HeapSize.Measure();
        var (lines, seconds) = (0L, 0.0);
        var activeBytes = new List<double>();
        long idle = baseline;
        for (var s = 0; s < slices; s++)
        {
            var bodies = PopulationBodies.Of(peoplePerSlice, seed: 1000 + s, batch);
            var measured = await IngestPass.RunAsync(silo.Pipeline, bodies, concurrency);
            bodies = null!;
            (lines, seconds) = (lines + measured.Lines, seconds + measured.Elapsed.TotalSeconds);
            var active = HeapSize.Measure();
            var components = await ActiveComponentsAsync(management);

            // Idle: every snapshot written (two checkpoints: the second passes what the first flushed), grains idle
            // for a second collected, then the partitions that stay in use under load woken again.
            await checkpointer.RunAsync(CancellationToken.None);
            await checkpointer.RunAsync(CancellationToken.None);
            await management.ForceActivationCollection(TimeSpan.FromSeconds(1));
            await Task.WhenAll(Enumerable.Range(0, engine.KeyPartitions).Select(p => silo.Client.GetGrain<IKeyDirectoryGrain>(p).Flush())
                .Concat(Enumerable.Range(0, engine.IndexPartitions).Select(p => silo.Client.GetGrain<IPeopleIndexGrain>(p).Flush())));
            idle = HeapSize.Measure();
            var left = await ActiveComponentsAsync(management);
            activeBytes.Add((double)(active - idle) / peoplePerSlice);
            output.WriteLine($"slice {s + 1}/{slices}: {measured}; heap {active / (1 << 20):N0} MiB with {components:N0} component grains active, " +
                $"{idle / (1 << 20):N0} MiB once idle ({left:N0} active); memory stores hold {silo.StoredBytes / (1 << 20):N0} MiB");
        }

        var people = (long)slices * peoplePerSlice;
        return new MillionPeopleResult(people, lines, lines / seconds, activeBytes.Average(), (double)(idle - baseline) / people, silo.StoredBytes / (double)people);
    }

    private static async Task<int> ActiveComponentsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(ComponentGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
