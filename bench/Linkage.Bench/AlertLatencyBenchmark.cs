using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Linkage.Client.Http;
using Linkage.Client.Streaming;
using Linkage.Ingest;
using Linkage.Population;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Bench;

/// <summary>
/// Alert latency (surveillance-v1 and safety-v1: an alert is pushed within one second of the acknowledgement of the
/// ingest that raised it), on the real host (<see cref="SoakHost"/>: Kestrel, the API's pipeline, Azure Storage and the
/// Azure Queue feed stream on Azurite). Each sample is one crossing on a fresh analysis (<see cref="AlertCrossing"/>):
/// prepared one ingest short of its threshold over HTTP, left quiet for five live intervals (so the crossing starts a
/// burst of its own and no evaluation already due takes it early), then crossed and ended. Timed, on the benchmark's
/// own clock, to the moment its alert's event is read from <c>GET /api/v1/alerts/stream</c>:
/// <list type="bullet">
/// <item>HTTP: from the <c>POST /api/v1/ingest</c> answer read (the acknowledgement the operator gets);</item>
/// <item>feed stream: from the crossing's batch recorded in its source's ledger (the feed consumer records it once the
/// batch is logged and applied, then acknowledges the queue message). The ledger is read every 5 ms and the
/// acknowledgement taken as the send time of the last read that did not see the batch yet, so the time to the event is
/// if anything too long, by at most one read. Also shown: from the end of publishing (the queue message stored) to
/// that acknowledgement and to the event.</item>
/// </list>
/// </summary>
public static class AlertLatencyBenchmark
{
    private const int WarmUp = 3;

    private static readonly TimeSpan LedgerRead = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(int crossings, string storage, TimeSpan liveInterval, int background, TextWriter output)
    {
        output.WriteLine($"alert-latency --crossings {crossings} --live-interval {liveInterval.TotalMilliseconds:0} --background {background}");
        output.WriteLine(CohortBenchmark.Machine.Describe());

        var prefix = "a" + Guid.NewGuid().ToString("N")[..12];
        var settings = SoakHost.ClusterOfItsOwn(storage, prefix);
        settings["Linkage:Streams:Transport"] = "AzureQueue";
        settings["Linkage:Cohorts:LiveInterval"] = liveInterval.ToString("c", CultureInfo.InvariantCulture);
        settings["Linkage:Api:RateLimit:PermitLimit"] = "1000000";

        // The GC's memory load is the whole machine's: on a shared machine other programs' memory would hold the
        // host's backpressure shut (503 "short of memory") though the host itself holds little.
        settings["Linkage:Engine:MaxMemoryLoad"] = "0.98";
        await using var host = await SoakHost.StartAsync(LocalMachine.Repository(), LocalMachine.FreePort(), settings);
        using var clients = await ClusterClientAsync(storage, prefix);
        var cluster = clients.Services.GetRequiredService<IClusterClient>();
        var operatorApi = LinkageApiClient.Create([host.BaseAddress], "dev-operator-key");
        using var authority = new HttpClient { BaseAddress = host.BaseAddress };
        authority.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-authority-key");
        await using var alerts = new AlertStreamListener(LinkageApiClient.Create([host.BaseAddress], "dev-authority-key"));
        var run = new Run(operatorApi, authority, cluster, alerts, liveInterval * 5);

        using var stopLoad = new CancellationTokenSource();
        var load = background > 0 ? BackgroundLoadAsync(operatorApi, prefix, background, stopLoad.Token) : Task.FromResult((0L, 0, TimeSpan.Zero));
        var rows = new List<AlertLatencyMeasurement>();
        foreach (var ingest in new[] { "HTTP", "feed stream" })
        {
            foreach (var (analysis, create) in new (string, Func<AlertCrossing>)[] { ("surveillance EARS C1", () => new IndicatorCrossing()), ("safety MaxSPRT signal", () => new MonitorCrossing()) })
            {
                for (var i = 0; i < WarmUp; i++) await run.SampleAsync(create(), ingest);
                var samples = new List<Sample>(crossings);
                for (var i = 0; i < crossings; i++) samples.Add(await run.SampleAsync(create(), ingest));
                var row = new AlertLatencyMeasurement(ingest, analysis, Sorted(samples.Select(s => s.AckToEvent)),
                    ingest == "HTTP" ? null : Sorted(samples.Select(s => s.PublishedToAck!.Value)), ingest == "HTTP" ? null : Sorted(samples.Select(s => s.PublishedToEvent!.Value)),
                    samples.Count(s => s.Partial));
                output.WriteLine($"{row}; load average {CohortBenchmark.Machine.LoadAverage()}");
                rows.Add(row);
            }
        }

        await stopLoad.CancelAsync();
        var (loaded, refused, loading) = await load;
        if (background > 0)
        {
            output.WriteLine($"background: {loaded:N0} lines acknowledged in {loading.TotalSeconds:N0} s ({loaded / loading.TotalSeconds:N0} lines/s), {refused} bodies refused or failed");
        }

        await clients.StopAsync();
        output.WriteLine($"alert-latency: worst p99 {rows.Max(r => r.P99).ToString("N0", CultureInfo.InvariantCulture)} ms against the goal of {AlertLatencyMeasurement.GoalMilliseconds:N0} ms; load average {CohortBenchmark.Machine.LoadAverage()}");
        return 0;
    }

    private sealed record Sample(double AckToEvent, double? PublishedToAck, double? PublishedToEvent, bool Partial);

    private sealed record Run(LinkageApiClient OperatorApi, HttpClient Authority, IClusterClient Cluster, AlertStreamListener Alerts, TimeSpan Quiet)
    {
        public async Task<Sample> SampleAsync(AlertCrossing crossing, string ingest)
        {
            await crossing.PrepareAsync(OperatorApi, Authority);

            // The benchmark waits on the clock here on purpose: the live analyses' pump is idle when the crossing comes.
            await Task.Delay(Quiet);
            var arrival = Alerts.FirstAsync(crossing.AlertKey);
            if (arrival.IsCompleted) throw new InvalidOperationException($"{crossing.Name}: its alert came before the crossing ({(arrival.IsFaulted ? arrival.Exception!.InnerException!.Message : "prepared too far")})");

            var lines = crossing.CrossingLines();
            long acknowledged;
            long? published = null;
            if (ingest == "HTTP")
            {
                await AlertCrossing.IngestAsync(OperatorApi, lines);
                acknowledged = Stopwatch.GetTimestamp();
            }
            else
            {
                var publisher = new FeedPublisher(Cluster, new FeedPublisherOptions { StreamsPerSource = 1 });
                var sent = await publisher.PublishAsync(crossing.Source, "crossing.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
                published = Stopwatch.GetTimestamp();
                acknowledged = await LedgerAcknowledgementAsync(Cluster.GetGrain<IFeedLedgerGrain>(crossing.Source), sent.Batches, published.Value);
            }

            var arrived = await arrival.WaitAsync(Deadline);
            crossing.Check(arrived.Alert);
            await crossing.EndAsync(Authority);
            return new Sample(
                Milliseconds(acknowledged, arrived.At),
                published is { } p ? Milliseconds(p, acknowledged) : null,
                published is { } q ? Milliseconds(q, arrived.At) : null,
                crossing.RaisedOnPartOfTheCrossing(arrived.Alert));
        }
    }

    /// <summary>
    /// When the ledger recorded <paramref name="batches"/> batches: the send time of the last read that did not see them
    /// (the record came after that read was answered), or the end of publishing if the first read saw them.
    /// </summary>
    private static async Task<long> LedgerAcknowledgementAsync(IFeedLedgerGrain ledger, int batches, long published)
    {
        var notYet = published;
        var deadline = Stopwatch.GetTimestamp() + (long)(Deadline.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var asked = Stopwatch.GetTimestamp();
            if ((await ledger.GetLedger()).Batches >= batches) return notYet;
            notYet = asked;
            await Task.Delay(LedgerRead);
        }

        throw new TimeoutException($"the ledger did not record {batches} batches within {Deadline.TotalSeconds} s");
    }

    /// <summary>
    /// A generated population sent over HTTP in bodies of 100 lines at <paramref name="linesPerSecond"/> (an open loop)
    /// until stopped: the index keeps changing, so the pump is busy telling the live analyses when a crossing comes.
    /// The lines acknowledged and the bodies refused or failed.
    /// </summary>
    private static async Task<(long Acknowledged, int Failed, TimeSpan Elapsed)> BackgroundLoadAsync(LinkageApiClient operatorApi, string tag, int linesPerSecond, CancellationToken stop)
    {
        var bodies = PopulationGenerator.Generate(new PopulationOptions { People = 10_000, Seed = 3, Secret = tag, ActivityScale = 1.0 }).Lines
            .Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{tag}-", StringComparison.Ordinal)).Chunk(100).ToList();
        var (acknowledged, failed) = (0L, 0);
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        var sends = new List<Task>();
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var wait = at - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stop);
                var body = bodies[i % bodies.Count];
                sends.Add(operatorApi.IngestAsync(Encoding.UTF8.GetBytes(string.Join('\n', body)), CancellationToken.None).ContinueWith(
                    t => { if (t.IsCompletedSuccessfully) Interlocked.Add(ref acknowledged, body.Length); else Interlocked.Increment(ref failed); }, TaskScheduler.Default));
                at += TimeSpan.FromSeconds(body.Length / (double)linesPerSecond);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sends);
        return (acknowledged, failed, clock.Elapsed);
    }

    private static async Task<IHost> ClusterClientAsync(string storage, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddLinkageCluster(new LinkageClusterConnection
        {
            StorageConnectionString = storage,
            StoragePrefix = prefix,
            ClusterId = prefix,
            ServiceId = prefix,
        }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
