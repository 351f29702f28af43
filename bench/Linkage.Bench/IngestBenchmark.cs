using System.Diagnostics;
using System.Globalization;

namespace Linkage.Bench;

/// <summary>
/// Linked events per second through the ingest engine: a generated population's lines sent through the one ingest
/// pipeline in bodies, in one in-process silo with memory or Azure (Azurite) storage, or the null store (the Azure providers
/// answered in-process, <see cref="NullStorageTransport"/>); then the same lines again.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int people, int seed, string? storage, int batch, int concurrency, TimeSpan checkpoint, TextWriter output, bool shadow = false, bool relinkAlways = false, bool nullStore = false)
    {
        NullStorageTransport? nullTransport = null;
        if (nullStore)
        {
            if (storage is not null) throw new ArgumentException("--null-store stands for the storage: leave out --storage");
            // Process-wide: every Azure client built from now on (the silo's) is answered in-process.
            Azure.Core.ClientOptions.Default.Transport = nullTransport = new NullStorageTransport();
            storage = NullStorageTransport.ConnectionString;
        }

        var bodies = PopulationBodies.Of(people, seed, batch);
        output.WriteLine($"population: {people:N0} people, {bodies.Sum(b => b.Length):N0} lines");

        await using var silo = await BenchSilo.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Linkage:Engine:BatchEvents"] = batch.ToString(CultureInfo.InvariantCulture),
            ["Linkage:Engine:CheckpointInterval"] = checkpoint.ToString(),
            ["Linkage:Engine:ShadowLinking"] = shadow ? "true" : "false",
            ["Linkage:Engine:IncrementalLinking"] = relinkAlways ? "false" : "true",
        });
        output.WriteLine($"storage: {(nullStore ? "null store (the Azure providers, every request answered in-process without I/O)" : storage is null ? "memory" : "azure (" + storage.Split(';')[0] + ")")}, batch {batch}, {concurrency} concurrent bodies, " +
            $"checkpoint every {checkpoint.TotalSeconds:N0} s, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        var requests = StorageRequestReport.Of(silo);
        var heapBefore = HeapSize.Measure();
        foreach (var pass in new[] { "cold", "warm (same lines again: all duplicates)" })
        {
            var measured = await IngestPass.RunAsync(silo.Pipeline, bodies, concurrency);
            output.WriteLine($"{pass}: {measured}");
            if (requests is not null) output.WriteLine(requests.Since(measured.Lines));
            if (nullTransport is not null)
            {
                var (transactions, operations) = nullTransport.Transactions;
                output.WriteLine($"null store, so far: {transactions:N0} table transactions of {operations:N0} entity writes ({(double)operations / Math.Max(1, transactions):N1} per transaction)");
            }

            if (pass != "cold") continue;
            output.WriteLine(await ComponentCensus.OfAsync(silo, people));

            // Every person's grain is still active here: what the engine holds for an active person (with the memory
            // stores' snapshots and log when storage is memory), measured after a full collection, outside the passes.
            var heapAfter = HeapSize.Measure();
            output.WriteLine($"heap after the cold pass: {(heapAfter - heapBefore) >> 20:N0} MiB more than before it, {(heapAfter - heapBefore) / people:N0} B per person");
        }

        output.WriteLine(LinkingReport.Of(silo));

        output.WriteLine($"process: {Environment.ProcessorCount} cores, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        return 0;
    }
}
