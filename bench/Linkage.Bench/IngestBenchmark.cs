using System.Collections.Immutable;
using System.Diagnostics;
using Linkage.Diagnostics;
using Linkage.Feeds;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Population;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Bench;

/// <summary>
/// Linked events per second through the identity layer: a generated population routed through
/// <see cref="IRecordRouterGrain"/> in one in-process silo, with memory or Azure (Azurite) storage,
/// then checked against the reference rules.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int people, int seed, string? storage, int batch, int concurrency, TextWriter output)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed });
        var events = population.Lines
            .Select((l, i) => FeedLineParser.Parse(l.Text, i + 1).Event)
            .OfType<FeedEvent>()
            .ToImmutableArray();
        output.WriteLine($"population: {people:N0} people, {population.Lines.Count:N0} lines, {events.Length:N0} valid record versions");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Services.AddLinkageMetrics();
            if (storage is null)
            {
                silo.AddMemoryGrainStorage(LinkageStorage.Components).AddMemoryGrainStorage(LinkageStorage.Keys);
            }
            else
            {
                builder.Configuration["Linkage:Storage:ConnectionString"] = storage;
                builder.Configuration["Linkage:Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8];
                silo.Services.AddLinkageStorageAccount(builder.Configuration);
                silo.AddLinkageStorage();
            }
        });
        using var host = builder.Build();
        await host.StartAsync();
        var router = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecordRouterGrain>(0);

        output.WriteLine($"storage: {(storage is null ? "memory" : "azure (" + storage.Split(';')[0] + ")")}, batch {batch}, {concurrency} concurrent batches");
        var chunks = events.Chunk(batch).ToArray();
        foreach (var pass in new[] { "cold (new grains)", "warm (same versions again: all duplicates, grains active)" })
        {
            var (tally, elapsed) = await RouteAll(router, chunks, concurrency);
            output.WriteLine($"{pass}: {events.Length:N0} versions in {elapsed.TotalSeconds:N1} s: {events.Length / elapsed.TotalSeconds:N0} events/s (accepted {tally.Accepted:N0}, duplicates {tally.Duplicates:N0})");
        }

        var expected = LinkageRules.Partition(population.CurrentRecords());
        output.WriteLine($"people: {expected.People.Count:N0} by the reference rules");
        output.WriteLine($"process: {Environment.ProcessorCount} cores, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");

        await host.StopAsync();
        return 0;
    }

    private static async Task<(IngestTally Tally, TimeSpan Elapsed)> RouteAll(IRecordRouterGrain router, FeedEvent[][] chunks, int concurrency)
    {
        var next = -1;
        var tally = new IngestTally();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < chunks.Length)
            {
                var t = await router.Route([.. chunks[i]]);
                lock (gate) tally += t;
            }
        }));
        return (tally, clock.Elapsed);
    }
}
