using Linkage.ClusterTests.Infrastructure;
using Linkage.Safety;

namespace Linkage.ClusterTests.DrugSafety;

/// <summary>A monitor's state and its alert survive a restart of every silo: evaluated again on activation, it neither repeats nor loses the alert.</summary>
public sealed class MonitorRestartTests(LinkageClusterFixture fixture) : IClassFixture<LinkageClusterFixture>
{
    [Fact]
    public async Task A_signalled_monitor_keeps_its_one_alert_and_its_state_after_a_cluster_restart()
    {
        var feed = new MonitorFeed();
        await feed.StartAsync(fixture.Cluster);
        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync(feed.RiskEvents(6));
        var before = await feed.WaitAsync(fixture.Grains, v => v.N == 6);
        Assert.Single(before.Signals);
        Assert.Single(await feed.AlertsAsync(fixture.Grains));

        await fixture.Cluster.StopAllSilosAsync();
        var stopped = DateTimeOffset.UtcNow;
        await using var restarted = await fixture.StartClusterAsync(1);
        await LinkageHttpFront.StartAsync(restarted);

        // Activation evaluates again from the index the restarted cluster rebuilt.
        var after = await feed.WaitAsync(restarted.GrainFactory, v => v.EvaluatedAt > stopped);
        Assert.Equal((6, 6, MonitorState.Signalled), (after.N, after.C, after.State));
        // The signal as stored: when (to the millisecond the table keeps), at which n and c.
        Assert.Equal(before.Signals.Select(Described), after.Signals.Select(Described));
        Assert.Single(await feed.AlertsAsync(restarted.GrainFactory));
    }

    private static string Described(MonitorSignal signal) => $"{signal.At:O}".Substring(0, 23) + $" n {signal.N} c {signal.C} llr {signal.Llr:F6}";
}
