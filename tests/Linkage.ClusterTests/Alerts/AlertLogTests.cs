using Linkage.Alerts;
using Linkage.ClusterTests.Infrastructure;
using static Linkage.ClusterTests.Alerts.SampleAlerts;

namespace Linkage.ClusterTests.Alerts;

/// <summary>The alert log as grains append to it: in order, each (id, version) once however often it is appended, read from any position.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class AlertLogTests(LinkageClusterFixture fixture)
{
    private IAlertLogGrain Log => AlertLog.Of(fixture.Grains);

    [Fact]
    public async Task Appends_are_numbered_in_order_and_a_repeated_or_older_version_is_dropped()
    {
        var ids = NewIds();
        var start = (await Log.Read(0, 0)).Length;

        var first = await Log.Append([Surveillance(ids + "/a"), SampleAlerts.Safety(ids + "/b")]);
        var again = await Log.Append([Surveillance(ids + "/a"), SampleAlerts.Safety(ids + "/b")]);
        var withdrawal = await Log.Append([Surveillance(ids + "/a", version: 2, withdrawn: true), Surveillance(ids + "/a", version: 2, withdrawn: true), Surveillance(ids + "/a", version: 1)]);

        Assert.Equal([start + 1, start + 2], first.Select(a => a.Position));
        Assert.Empty(again);
        var withdrawn = Assert.Single(withdrawal);
        Assert.Equal((start + 3, 2, true), (withdrawn.Position, withdrawn.Alert.Version, withdrawn.Alert.Withdrawn));
        var mine = (await Log.Read(start, 100)).Alerts.Where(a => a.Alert.Id.StartsWith(ids, StringComparison.Ordinal)).ToList();
        Assert.Equal([(ids + "/a", 1), (ids + "/b", 1), (ids + "/a", 2)], mine.Select(a => (a.Alert.Id, a.Alert.Version)));
        Assert.True(mine.Zip(mine.Skip(1)).All(p => p.First.Alert.At <= p.Second.Alert.At), "at never goes back along the log");
    }

    [Fact]
    public async Task Reading_after_a_position_resumes_with_the_next_alert_and_a_waiting_reader_is_woken_by_an_append()
    {
        var ids = NewIds();
        await Log.Append([Surveillance(ids + "/1")]);
        var end = (await Log.Read(0, 0)).Length;

        // Nothing follows `end` yet: the reader waits (up to a minute) and is answered by the append, not by its deadline.
        var waiting = Log.WaitAfter(end, 10, TimeSpan.FromMinutes(1));
        Assert.False(waiting.IsCompleted);
        await Log.Append([Surveillance(ids + "/2"), Surveillance(ids + "/3")]);
        var woken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(end + 1, ids + "/2"), (end + 2, ids + "/3")], woken.Alerts.Select(a => (a.Position, a.Alert.Id)));
        var resumed = await Log.Read(end + 1, 10);
        Assert.Equal([ids + "/3"], resumed.Alerts.Select(a => a.Alert.Id));
        Assert.True(await Log.PositionBefore(woken.Alerts[0].Alert.At) <= end, "alerts taken at or after a time follow the position before it");
        Assert.Equal(end + 2, await Log.PositionBefore(woken.Alerts[1].Alert.At.AddTicks(1)));
    }

    [Fact]
    public async Task A_log_longer_than_a_segment_is_stored_and_read_whole()
    {
        var ids = NewIds();
        var start = (await Log.Read(0, 0)).Length;
        var many = Enumerable.Range(0, AlertLogGrain.SegmentSize + 7).Select(i => Surveillance($"{ids}/{i}")).ToList();

        var appended = await Log.Append([.. many]);

        Assert.Equal(many.Count, appended.Length);
        Assert.Equal(Enumerable.Range(1, many.Count).Select(i => start + i), appended.Select(a => a.Position));
        Assert.Equal(many.Select(a => a.Id), (await Log.Read(start, many.Count + 10)).Alerts.Select(a => a.Alert.Id));
    }
}
