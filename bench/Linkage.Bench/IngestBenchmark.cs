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
    public static async Task<int> RunAsync(int people, int seed, string? storage, int batch, int concurrency, TextWriter output)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed });
        var lines = population.Lines.Select(l => l.Text).ToList();
        output.WriteLine($"population: {people:N0} people, {lines.Count:N0} lines");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Linkage:Storage:Provider"] = storage is null ? "Memory" : "AzureStorage",
            ["Linkage:Storage:ConnectionString"] = storage,
            ["Linkage:Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Linkage:Streams:Transport"] = "Memory",
            ["Linkage:Engine:BatchEvents"] = batch.ToString(),
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

        output.WriteLine($"storage: {(storage is null ? "memory" : "azure (" + storage.Split(';')[0] + ")")}, batch {batch}, {concurrency} concurrent bodies");
        var bodies = lines.Chunk(batch).ToArray();
        foreach (var pass in new[] { "cold", "warm (same lines again: all duplicates)" })
        {
            var (tally, elapsed) = await IngestAll(pipeline, bodies, concurrency);
            output.WriteLine($"{pass}: {lines.Count:N0} lines in {elapsed.TotalSeconds:N1} s: {lines.Count / elapsed.TotalSeconds:N0} lines/s (accepted {tally.Accepted:N0}, duplicates {tally.Duplicates:N0})");
        }

        output.WriteLine($"process: {Environment.ProcessorCount} cores, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        await host.StopAsync();
        return 0;
    }

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
