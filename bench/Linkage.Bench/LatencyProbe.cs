using System.Diagnostics;
using Linkage.Engine;
using Linkage.Ingest;

namespace Linkage.Bench;

/// <summary>
/// Acknowledgement latency at a fixed offered rate: bodies are sent on a schedule whatever the answers (an open
/// loop, as many operators sending at once would), and each latency counts from the body's scheduled time, so
/// that falling behind shows as latency instead of a slower schedule.
/// </summary>
public static class LatencyProbe
{
    public static async Task<LatencyMeasurement> RunAsync(IngestPipeline pipeline, string[][] bodies, double linesPerSecond, PassTimeline? timeline = null)
    {
        var latencies = new double[bodies.Length];
        var due = new double[bodies.Length];
        var resentBefore = IngestPass.Resent;
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        var sends = new List<Task>(bodies.Length);
        for (var i = 0; i < bodies.Length; i++)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var (index, scheduled) = (i, at);
            due[i] = at.TotalSeconds;
            sends.Add(Task.Run(async () =>
            {
                await IngestPass.SendAsync(pipeline, bodies[index]);
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                timeline?.Answered();
            }));
            at += TimeSpan.FromSeconds(bodies[i].Length / linesPerSecond);
        }

        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        var slowest = due.Zip(latencies).OrderByDescending(b => b.Second).Take(5).ToList();
        Array.Sort(latencies);
        return new LatencyMeasurement(linesPerSecond, bodies.Sum(b => b.Length) / elapsed.TotalSeconds, bodies[0].Length,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], bodies.Length, slowest, IngestPass.Resent - resentBefore);
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
