using System.Diagnostics;

namespace Linkage.Bench;

/// <summary>Co-hosted grain calls per second to grains already active: the ceiling any engine on Orleans works under.</summary>
public static class CallRateBenchmark
{
    /// <summary>Calls per second over <paramref name="grains"/> active grains with <paramref name="inFlight"/> calls outstanding.</summary>
    public static async Task<double> RunAsync(IGrainFactory factory, int grains, int inFlight, TimeSpan duration)
    {
        var targets = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(targets.Select(t => t.Ping(0)));

        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async lane =>
        {
            var i = lane;
            while (clock.Elapsed < duration)
            {
                await targets[i % grains].Ping(i);
                i += inFlight;
                Interlocked.Increment(ref calls);
            }
        }));
        return calls / clock.Elapsed.TotalSeconds;
    }
}
