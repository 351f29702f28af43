using System.Collections.Immutable;
using System.Diagnostics;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Population;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Bench;

/// <summary>
/// Linked events per second through the ingest engine: a generated population's lines sent through the one ingest
/// pipeline in batches, in one in-process silo with memory or Azure (Azurite) storage.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int people, int seed, string? storage, int batch, int concurrency, TimeSpan checkpoint, TextWriter output)
    {
        var bodies = Bodies(people, seed, batch);
        var lineCount = bodies.Sum(b => b.Length);
        output.WriteLine($"population: {people:N0} people, {lineCount:N0} lines");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Linkage:Storage:Provider"] = storage is null ? "Memory" : "AzureStorage",
            ["Linkage:Storage:ConnectionString"] = storage,
            ["Linkage:Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Linkage:Streams:Transport"] = "Memory",
            ["Linkage:Engine:BatchEvents"] = batch.ToString(),
            ["Linkage:Engine:CheckpointInterval"] = checkpoint.ToString(),
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddLinkage(builder.Configuration);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var gate = host.Services.GetRequiredService<EngineGate>();
        await gate.WaitOpenAsync(TimeSpan.FromMinutes(2));
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();

        output.WriteLine($"storage: {(storage is null ? "memory" : "azure (" + storage.Split(';')[0] + ")")}, batch {batch}, {concurrency} concurrent bodies, checkpoint every {checkpoint.TotalSeconds:N0} s, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        foreach (var pass in new[] { "cold", "warm (same lines again: all duplicates)" })
        {
            var process = Process.GetCurrentProcess();
            var (cpu, pause, allocated, gen2) = (process.TotalProcessorTime, GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
            var (tally, elapsed) = await IngestAll(pipeline, bodies, concurrency);
            process.Refresh();
            output.WriteLine($"{pass}: {lineCount:N0} lines in {elapsed.TotalSeconds:N1} s: {lineCount / elapsed.TotalSeconds:N0} lines/s (accepted {tally.Accepted:N0}, duplicates {tally.Duplicates:N0}); " +
                $"CPU {(process.TotalProcessorTime - cpu).TotalSeconds:N1} s ({lineCount / (process.TotalProcessorTime - cpu).TotalSeconds:N0} lines per CPU-second), GC paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:N1} s, " +
                $"{GC.CollectionCount(2) - gen2} gen2, allocated {(GC.GetTotalAllocatedBytes() - allocated) / lineCount:N0} B/line");
        }

        output.WriteLine($"process: {Environment.ProcessorCount} cores, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        await host.StopAsync();
        return 0;
    }

    /// <summary>The population's lines cut into bodies; the population itself is left for the GC, as a silo would never hold it.</summary>
    private static string[][] Bodies(int people, int seed, int batch) =>
        [.. PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed }).Lines.Select(l => l.Text).Chunk(batch)];

    private static async Task<(IngestTally Tally, TimeSpan Elapsed)> IngestAll(IngestPipeline pipeline, string[][] bodies, int concurrency)
    {
        var next = -1;
        var tally = new IngestTally();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var outcome = await pipeline.IngestAsync(bodies[i], firstLine: 1);
                lock (gate) tally += outcome.Tally;
            }
        }));
        return (tally, clock.Elapsed);
    }
}
