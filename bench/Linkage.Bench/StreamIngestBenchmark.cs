using System.Diagnostics;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.Ingest;

namespace Linkage.Bench;

/// <summary>
/// Linked ingest over the feed stream: files published with <see cref="FeedPublisher"/> (packed batches, several to
/// a queue message), consumed by the silo's feed consumers through the same pipeline, counted when the source's
/// ledger has every batch.
/// </summary>
public static class StreamIngestBenchmark
{
    private static readonly TimeSpan LedgerPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>Publishes <paramref name="lines"/> as one file and waits until every batch is in the ledger: lines per second end to end.</summary>
    /// <remarks>Also lines per CPU-second of this process (publisher and silo; Azurite runs in its own), which a shared machine's load disturbs less.</remarks>
    public static async Task<(double LinesPerSecond, double LinesPerCpuSecond, FeedPublication Published, FeedLedgerView Ledger)> ThroughputAsync(
        BenchSilo silo, IReadOnlyList<string> lines, string source)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (published, ledger) = await PublishAndWaitAsync(silo, lines, source, "throughput.ndjson");
        var elapsed = clock.Elapsed;
        return (lines.Count / elapsed.TotalSeconds, lines.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, published, ledger);
    }

    /// <summary>Files of <paramref name="linesPerFile"/> lines offered at a fixed rate (open loop); latency from a file's scheduled time to its last batch in the ledger.</summary>
    public static async Task<LatencyMeasurement> LatencyAsync(BenchSilo silo, string[][] files, double linesPerSecond, string sourcePrefix)
    {
        var latencies = new double[files.Length];
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        var sends = new List<Task>(files.Length);
        for (var i = 0; i < files.Length; i++)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var (index, scheduled) = (i, at);
            sends.Add(Task.Run(async () =>
            {
                await PublishAndWaitAsync(silo, files[index], $"{sourcePrefix}-{index}", "latency.ndjson");
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
            }));
            at += TimeSpan.FromSeconds(files[i].Length / linesPerSecond);
        }

        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new LatencyMeasurement(linesPerSecond, files.Sum(f => f.Length) / elapsed.TotalSeconds, files[0].Length,
            latencies[Math.Max(0, (int)Math.Ceiling(0.5 * latencies.Length) - 1)], latencies[Math.Max(0, (int)Math.Ceiling(0.99 * latencies.Length) - 1)], latencies[^1], files.Length);
    }

    private static async Task<(FeedPublication Published, FeedLedgerView Ledger)> PublishAndWaitAsync(BenchSilo silo, IReadOnlyList<string> lines, string source, string file)
    {
        var publisher = new FeedPublisher(silo.Client, new FeedPublisherOptions());
        var published = await publisher.PublishAsync(source, file, new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        // A benchmark may poll: the ledger is the only place the stream's acknowledgements add up.
        var ledger = silo.Client.GetGrain<IFeedLedgerGrain>(source);
        while (true)
        {
            var view = await ledger.GetLedger();
            if (view.Batches >= published.Batches) return (published, view);
            await Task.Delay(LedgerPoll);
        }
    }
}
