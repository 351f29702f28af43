using Linkage.Log;

namespace Linkage.Bench;

/// <summary>
/// Samples the log's recent append latency (what the engine's backpressure reads) four times a second during a pass:
/// its worst and how long it stayed above the backpressure bound (<c>MaxLogLatency</c>), to tell storage stalls from the engine's own work.
/// </summary>
public sealed class AppendLatencyWatch
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _bound;
    private readonly Task<(TimeSpan Worst, TimeSpan Above)> _sampling;

    private AppendLatencyWatch(IngestLog log, TimeSpan bound) => (_bound, _sampling) = (bound, SampleAsync(log, bound, _stop.Token));

    public static AppendLatencyWatch Start(IngestLog log, TimeSpan bound) => new(log, bound);

    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        var (worst, above) = await _sampling;
        return $"worst recent mean {worst.TotalSeconds:N1} s; above {_bound.TotalSeconds:N0} s (ingests refused) for {above.TotalSeconds:N1} s";
    }

    private static async Task<(TimeSpan Worst, TimeSpan Above)> SampleAsync(IngestLog log, TimeSpan bound, CancellationToken stop)
    {
        var (worst, above) = (TimeSpan.Zero, TimeSpan.Zero);
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = log.RecentAppendLatency;
                if (now > worst) worst = now;
                if (now > bound) above += Every;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (worst, above);
    }
}
