using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Linkage.Cohorts;
using Linkage.Log;
using Linkage.Recovery;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Bench;

/// <summary>
/// The ingest engine's numbers side by side in one run (issue 7): the ceiling of grain calls, linked ingest in
/// memory and durable on Azure Storage against that storage's own single-write rate, acknowledgement latency at half
/// the maximum rate, the feed stream, and optionally a million people in memory. Prints a Markdown table at the end.
/// </summary>
public static class EngineBenchmark
{
    public static async Task<int> RunAsync(
        int people, string? storage, int batch, int concurrency, bool million, TextWriter output, int? durablePeople = null, bool skipMemory = false,
        bool streamOnly = false, int? streamLines = null, bool nullStore = false, TimeSpan? checkpointInterval = null, int snapshotsPerSecond = 0)
    {
        var checkpoint = checkpointInterval ?? TimeSpan.FromSeconds(30);
        var settings = Settings(batch, checkpoint, snapshotsPerSecond);
        var rows = new List<(string What, string Measured, string Goal)>();
        void Row(string what, string measured, string goal = "")
        {
            rows.Add((what, measured, goal));
            output.WriteLine($"== {what}: {measured}{(goal.Length > 0 ? $" ({goal})" : "")}");
        }

        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInfo()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var bodies = PopulationBodies.Of(people, seed: 1, batch);
        var lines = bodies.Sum(b => b.Length);
        output.WriteLine($"population: {people:N0} people, {lines:N0} lines in bodies of {batch:N0}, {concurrency} bodies in flight; " +
                         $"checkpoint every {checkpoint.TotalSeconds:N0} s, snapshots {(snapshotsPerSecond == 0 ? "not capped" : $"at most {snapshotsPerSecond:N0}/s")}");

        if (!skipMemory && !streamOnly)
        {
            double memoryRate;
            await using (var silo = await BenchSilo.StartAsync(null, settings))
            {
                var calls = await CallRateBenchmark.RunAsync(silo.Client, grains: 10_000, inFlight: 1_000, TimeSpan.FromSeconds(10));
                Row("raw Orleans co-hosted grain calls (10,000 active grains, 1,000 in flight)", $"{calls:N0} calls/s", "the ceiling");

                var cold = await IngestPass.RunAsync(silo.Pipeline, bodies, concurrency);
                memoryRate = cold.LinesPerSecond;
                Row($"linked ingest in memory, {people:N0} people, first time", Describe(cold), Goal(memoryRate, 200_000, "200,000 events/s"));
                var warm = await IngestPass.RunAsync(silo.Pipeline, bodies, concurrency);
                Row("the same lines again (all duplicates)", Describe(warm));

                var fresh = Fresh(seed: 2, lines: (int)(memoryRate / 2 * 40), batch);
                var latency = await LatencyProbe.RunAsync(silo.Pipeline, fresh, memoryRate / 2);
                Row("acknowledgement latency in memory at half that rate", $"p50 {latency.P50:N0} ms, p99 {latency.P99:N0} ms ({latency})", Goal(1000 / latency.P99, 1, "p99 under 1 s"));
            }
        }

        if (storage is null)
        {
            output.WriteLine("no --storage: the durable and stream rows need an Azure Storage account (bench/run-engine starts Azurite)");
        }
        else
        {
            var writes = await TableWriteRate.RunAsync(storage, writers: 64, TimeSpan.FromSeconds(15));
            Row("Azure Storage single-entity writes (64 writers)", $"{writes:N0} writes/s", "1x: one write per event");

            var durableBodies = durablePeople is { } n && n != people ? PopulationBodies.Of(n, seed: 1, batch) : bodies;
            lines = durableBodies.Sum(b => b.Length);
            await using var silo = await BenchSilo.StartAsync(storage, settings);
            if (!streamOnly)
            {
                var requests = StorageRequestReport.Of(silo)!;
                var durable = await IngestPass.RunAsync(silo.Pipeline, durableBodies, concurrency);
                Row("storage requests of that durable ingest", requests.Since(durable.Lines), "at most 0.04 per event");
                Row($"linked ingest durable on Azure Storage, {durablePeople ?? people:N0} people", $"{Describe(durable)}: {durable.LinesPerSecond / writes:N1}x the single-write rate",
                    Goal(durable.LinesPerSecond / writes, 25, "25x the single-write rate"));

                // A cold pass can end before the first checkpoint: the rate that holds is measured over at least two
                // checkpoints, with new people (nothing a duplicate), and the latency offered half of it.
                // Sized for the cold rate but sent for the window only: across checkpoints the rate can be several times lower.
                var window = TimeSpan.FromSeconds(Math.Max(checkpoint.TotalSeconds * 2.5, 60));
                var sustainedBodies = Fresh(seed: 3, lines: (int)Math.Max(durable.LinesPerSecond * window.TotalSeconds, batch * 8), batch);
                var sustainedRequests = StorageRequestReport.Of(silo)!;
                var sustained = await IngestPass.RunAsync(silo.Pipeline, sustainedBodies, concurrency, window);
                sustainedBodies = null!;
                Row($"linked ingest durable, sustained across checkpoints (every {checkpoint.TotalSeconds:N0} s), new people", Describe(sustained));
                Row("storage requests of that sustained ingest (checkpoints included)", sustainedRequests.Since(sustained.Lines), "at most 0.04 per event");

                // The pass ends with up to a checkpoint interval of snapshots still to write, work its rate has not paid for:
                // the rate that holds counts the flush of those snapshots too (not the wait for the checkpoint's timer), and
                // the latency pass starts once they are written, so that it measures half that rate, not the debt of the full one.
                var (paid, lastFlush) = await SnapshotsWrittenAsync(silo);
                var holds = sustained.Lines / (sustained.Elapsed + lastFlush).TotalSeconds;
                Row("that pass with its last snapshots written", $"{holds:N0} events/s (the last checkpoint's flush took {lastFlush.TotalSeconds:N1} s, " +
                    $"done {paid.TotalSeconds:N1} s after the last acknowledgement; a checkpoint every {checkpoint.TotalSeconds:N0} s)");

                var fresh = Fresh(seed: 6, lines: (int)Math.Max(holds / 2 * window.TotalSeconds, batch * 8), batch);
                var timeline = PassTimeline.Start(silo);
                var latency = await LatencyProbe.RunAsync(silo.Pipeline, fresh, holds / 2, timeline);
                output.WriteLine("== that latency pass, second by second:");
                output.Write(await timeline.StopAsync());
                Row("the log's appends during that latency pass", timeline.Appends);
                Row("acknowledgement latency durable at half the rate that holds", $"p50 {latency.P50:N0} ms, p99 {latency.P99:N0} ms ({latency})", Goal(1000 / latency.P99, 1, "p99 under 1 s"));
            }

            var streamed = Fresh(seed: 4, lines: streamLines ?? Math.Min(lines, 300_000), batch).SelectMany(body => body).ToArray();
            var streamRequests = StorageRequestReport.Of(silo)!;
            var (streamRate, streamPerCpu, published, ledger) = await StreamIngestBenchmark.ThroughputAsync(silo, streamed, "bench-stream");
            Row("linked ingest over the feed stream (Azure queues)", $"{streamRate:N0} lines/s, {streamPerCpu:N0} lines per CPU-second of the silo process " +
                $"({published.Lines:N0} lines in {published.Batches:N0} batches, {published.Messages:N0} messages; accepted {ledger.Accepted:N0}, " +
                $"duplicates {ledger.Duplicates:N0}, rejected {ledger.RejectedLines:N0})");
            Row("storage requests of that stream ingest", streamRequests.Since((int)published.Lines));
            // As for the HTTP latency: half the rate that holds once the pass's last snapshots are written, from then on.
            var (streamPaid, streamFlush) = await SnapshotsWrittenAsync(silo);
            var streamHolds = published.Lines / (published.Lines / streamRate + streamFlush.TotalSeconds);
            Row("that stream with its last snapshots written", $"{streamHolds:N0} lines/s (the last checkpoint's flush took {streamFlush.TotalSeconds:N1} s, " +
                $"done {streamPaid.TotalSeconds:N1} s after the ledger had every batch)");
            var files = Fresh(seed: 5, lines: (int)Math.Max(streamHolds / 2 * 40, batch * 8), batch);
            var streamTimeline = PassTimeline.Start(silo);
            var streamLatency = await StreamIngestBenchmark.LatencyAsync(silo, files, streamHolds / 2, "bench-latency", streamTimeline);
            output.WriteLine("== that stream latency pass, second by second (answered: files whose ledger has every batch):");
            output.Write(await streamTimeline.StopAsync());
            Row("feed stream latency (file published to ledger) at half the rate that holds", $"p50 {streamLatency.P50:N0} ms, p99 {streamLatency.P99:N0} ms ({streamLatency})",
                Goal(1000 / streamLatency.P99, 1, "p99 under 1 s"));
        }

        if (nullStore)
        {
            // Last of the storage rows: from here on every Azure client this process builds is answered in-process.
            var nullTransport = new NullStorageTransport();
            Azure.Core.ClientOptions.Default.Transport = nullTransport;
            var nullBodies = durablePeople is { } n && n != people ? PopulationBodies.Of(n, seed: 1, batch) : bodies;
            await using var silo = await BenchSilo.StartAsync(NullStorageTransport.ConnectionString, settings);
            var requests = StorageRequestReport.Of(silo)!;
            var pass = await IngestPass.RunAsync(silo.Pipeline, nullBodies, concurrency);
            var (transactions, operations) = nullTransport.Transactions;
            Row($"the same durable ingest on the null store (the Azure providers answered in-process, no I/O), {durablePeople ?? people:N0} people", Describe(pass));
            Row("storage requests of that null-store ingest", $"{requests.Since(pass.Lines)}; {transactions:N0} table transactions of {operations:N0} entity writes");
        }

        if (million)
        {
            bodies = null!;
            var result = await MillionPeopleBenchmark.RunAsync(slices: 10, peoplePerSlice: 100_000, batch, concurrency, output);
            Row("1,000,000 people in memory (10 slices of 100,000)", result.ToString());
        }

        output.WriteLine();
        output.WriteLine("| measured | result | goal |");
        output.WriteLine("| --- | --- | --- |");
        foreach (var (what, measured, goal) in rows) output.WriteLine($"| {what} | {measured} | {goal} |");
        return 0;
    }

    private static Dictionary<string, string?> Settings(int batch, TimeSpan checkpoint, int snapshotsPerSecond) => new()
    {
        ["Linkage:Engine:BatchEvents"] = batch.ToString(CultureInfo.InvariantCulture),
        ["Linkage:Engine:CheckpointInterval"] = checkpoint.ToString("c", CultureInfo.InvariantCulture),
        ["Linkage:Engine:SnapshotsPerSecond"] = snapshotsPerSecond.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Lines of a population not ingested yet (so that nothing is a duplicate), about <paramref name="lines"/> of them.</summary>
    private static string[][] Fresh(int seed, int lines, int batch) =>
        PopulationBodies.Of(Math.Max(1_000, (int)(lines / 14.5)), seed, batch);

    /// <summary>
    /// Waits until every component touched so far has written its snapshot and the log's checkpoint has passed every
    /// finished batch: how long that took, and how long the last checkpoint's flush took (from when it took the backlog).
    /// </summary>
    private static async Task<(TimeSpan Total, TimeSpan LastFlush)> SnapshotsWrittenAsync(BenchSilo silo)
    {
        var (checkpointer, log) = (silo.Services.GetRequiredService<Checkpointer>(), silo.Services.GetRequiredService<IngestLog>());
        var through = log.FinishedThrough;
        var clock = Stopwatch.StartNew();
        var flushFrom = TimeSpan.Zero;
        while (checkpointer.Backlog > 0 || log.Checkpoint < through)
        {
            if (checkpointer.Backlog > 0) flushFrom = clock.Elapsed;
            await Task.Delay(50);
        }

        return (clock.Elapsed, clock.Elapsed - flushFrom);
    }

    private static string Describe(IngestMeasurement m) =>
        $"{m.LinesPerSecond:N0} events/s ({m.Lines:N0} lines in {m.Elapsed.TotalSeconds:N1} s; {m.LinesPerCpuSecond:N0} per CPU-second, GC paused {m.GcPause.TotalSeconds:N1} s{(m.Resent > 0 ? $"; {m.Resent:N0} bodies answered 503 and sent again" : "")})";

    private static string Goal(double measured, double goal, string text) =>
        measured >= goal ? $"goal {text}: met" : $"goal {text}: missed, {goal / measured:N1}x short";

    private static string RuntimeInfo() =>
        $".NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {RuntimeInformationOs()}";

    private static string RuntimeInformationOs() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
