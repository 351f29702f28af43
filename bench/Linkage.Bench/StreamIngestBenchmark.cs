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
    /// <param name="timeline">Told of each file once its ledger has every batch, to explain a slow one by its second.</param>
    public static async Task<LatencyMeasurement> LatencyAsync(BenchSilo silo, string[][] files, double linesPerSecond, string sourcePrefix, PassTimeline? timeline = null)
    {
        // A source is long-lived (an operator's feed): its ledger is active before the pass, as it would be in a running
        // platform, so that no file's latency holds the one-off activation (a read of the ledger's state before journals).
        await Task.WhenAll(files.Select((_, i) => silo.Client.GetGrain<IFeedLedgerGrain>($"{sourcePrefix}-{i}").GetLedger()));

        var latencies = new double[files.Length];
        var due = new double[files.Length];
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        var sends = new List<Task>(files.Length);
        for (var i = 0; i < files.Length; i++)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var (index, scheduled) = (i, at);
            due[i] = at.TotalSeconds;
            sends.Add(Task.Run(async () =>
            {
                await PublishAndWaitAsync(silo, files[index], $"{sourcePrefix}-{index}", "latency.ndjson");
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                timeline?.Answered();
            }));
            at += TimeSpan.FromSeconds(files[i].Length / linesPerSecond);
        }

        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        var slowest = due.Zip(latencies).OrderByDescending(f => f.Second).Take(5).ToList();
        Array.Sort(latencies);
        return new LatencyMeasurement(linesPerSecond, files.Sum(f => f.Length) / elapsed.TotalSeconds, files[0].Length,
            LatencyProbe.Percentile(latencies, 0.50), LatencyProbe.Percentile(latencies, 0.99), latencies[^1], files.Length, slowest);
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
