using System.Diagnostics;
using Linkage.Engine;
using Linkage.Ingest;

namespace Linkage.Bench;

/// <summary>Sends bodies through the ingest pipeline with a fixed number in flight, as operators' uploads would.</summary>
public static class IngestPass
{
    /// <param name="duration">When given, no body is sent once this has passed: the pass measures what it sent.</param>
    public static async Task<IngestMeasurement> RunAsync(IngestPipeline pipeline, string[][] bodies, int concurrency, TimeSpan? duration = null)
    {
        var process = Process.GetCurrentProcess();
        var (cpu, pause, allocated) = (process.TotalProcessorTime, GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var next = -1;
        var tally = new IngestTally();
        var gate = new object();
        var resentBefore = Interlocked.Read(ref _resent);
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((duration is null || clock.Elapsed < duration) && (i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                Interlocked.Add(ref sent, bodies[i].Length);
                var outcome = await SendAsync(pipeline, bodies[i]);
                lock (gate) tally += outcome.Tally;
            }
        }));
        var elapsed = clock.Elapsed;
        process.Refresh();
        return new IngestMeasurement(
            (int)sent, elapsed, process.TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - pause, GC.GetTotalAllocatedBytes() - allocated, tally,
            Interlocked.Read(ref _resent) - resentBefore);
    }

    private static long _resent;

    /// <summary>Bodies sent again so far after a refusal or a transient failure, by every pass of this process.</summary>
    public static long Resent => Interlocked.Read(ref _resent);

    /// <summary>
    /// One body, sent again when the API would have answered 503 (as <c>linkage ingest</c> does): after the engine's
    /// Retry-After when it is behind, after a second when storage failed (nothing of the body was acknowledged).
    /// </summary>
    public static async Task<IngestAnswer> SendAsync(IngestPipeline pipeline, string[] body)
    {
        while (true)
        {
            try
            {
                return await pipeline.IngestAsync(body, firstLine: 1);
            }
            catch (Exception ex) when (TransientFailure.Is(ex))
            {
                Interlocked.Increment(ref _resent);
                await Task.Delay((ex as EngineUnavailableException)?.RetryAfter ?? TimeSpan.FromSeconds(1));
            }
        }
    }
}
