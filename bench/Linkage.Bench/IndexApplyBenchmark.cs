using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Linking;

namespace Linkage.Bench;

/// <summary>
/// The index partitions' share of an ingest, without the grains: every linked person's summary applied as an update,
/// a few times over, to some partitions (as many people each as 100,000 people give 64) in calls of a few updates (as the publisher's group commits send them), merges
/// included. Reports CPU and bytes allocated per update, and a hash of the partitions' snapshots so that a change to
/// the encoding's code can be seen to leave the bytes alone.
/// </summary>
internal static class IndexApplyBenchmark
{
    private const int Rounds = 3;

    public static int Run(int people, int seed, double activity, int callSize, int partitions, TextWriter output)
    {
        var summaries = IndexBenchmark.Summaries(people, seed, activity);
        var random = new Random(seed);
        var calls = new List<(int Partition, IndexUpdate[] Updates)>();
        for (var round = 0; round < Rounds; round++)
        {
            var order = Enumerable.Range(0, summaries.Length).ToArray();
            random.Shuffle(order);
            var pending = Enumerable.Range(0, partitions).Select(_ => new List<IndexUpdate>()).ToArray();
            foreach (var i in order)
            {
                var partition = i % partitions;
                pending[partition].Add(new IndexUpdate { Component = new ComponentId(i), People = [summaries[i]] });
                if (pending[partition].Count < callSize) continue;
                calls.Add((partition, [.. pending[partition]]));
                pending[partition].Clear();
            }

            for (var p = 0; p < partitions; p++)
            {
                if (pending[p].Count > 0) calls.Add((p, [.. pending[p]]));
            }
        }

        var updates = calls.Sum(c => (long)c.Updates.Length);

        // A warm-up on throwaway partitions, so that the measured pass runs jitted code.
        var warm = Enumerable.Range(0, partitions).Select(_ => new CohortIndex()).ToArray();
        foreach (var (partition, batch) in calls.Take(calls.Count / Rounds)) warm[partition].Apply(batch);
        foreach (var index in warm) index.Merge();
        warm = null;
        GC.Collect();

        var indexes = Enumerable.Range(0, partitions).Select(_ => new CohortIndex()).ToArray();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var gcs = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var (partition, batch) in calls) indexes[partition].Apply(batch);
        var elapsed = wall.Elapsed;
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gcs = GC.CollectionCount(0) - gcs;

        // Every component is unsaved: the deltas hold each one's last encoding.
        long deltaBytes = 0;
        foreach (var index in indexes)
        {
            using var delta = new MemoryStream();
            index.WriteDelta(delta);
            deltaBytes += delta.Length;
        }

        var merge = Stopwatch.StartNew();
        foreach (var index in indexes) index.Merge();
        var merged = merge.Elapsed;

        // The snapshots hold every update's encoded bytes (merged): equal hashes, equal encodings.
        var hash = new XxHash64();
        using var stream = new MemoryStream();
        foreach (var index in indexes)
        {
            stream.SetLength(0);
            index.WriteSnapshot(stream);
            hash.Append(stream.ToArray());
        }

        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        output.WriteLine($"index-apply --people {people} --seed {seed} --call-size {callSize} --partitions {partitions}");
        output.WriteLine($"{N(summaries.Length)} linked people, {N(updates)} updates ({Rounds} rounds) to {partitions} partitions in {N(calls.Count)} calls");
        output.WriteLine($"apply: {N(elapsed.TotalMilliseconds)} ms wall, {N(cpuTime.TotalMilliseconds)} ms CPU; " +
                         $"{N(elapsed.TotalNanoseconds / updates)} ns wall and {N(cpuTime.TotalNanoseconds / updates)} ns CPU per update; " +
                         $"{N((double)allocated / updates)} B allocated per update; {N(gcs)} gen0 collections");
        output.WriteLine($"encoded: {N((double)deltaBytes / summaries.Length)} B per component (the deltas of every component)");
        output.WriteLine($"final merges: {N(merged.TotalMilliseconds)} ms ({N(merged.TotalNanoseconds / summaries.Length)} ns per person); snapshots' hash {hash.GetCurrentHashAsUInt64():x16}");
        return 0;
    }
}
