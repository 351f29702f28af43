using Linkage.Recovery;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Tests.Engine;

public sealed class SnapshotPaceTests
{
    [Fact]
    public void Writes_start_no_faster_than_the_cap()
    {
        var clock = new FakeTimeProvider();
        var pace = new SnapshotPace(clock, perSecond: 4);

        var turns = Enumerable.Range(0, 6).Select(_ => pace.WaitTurnAsync(CancellationToken.None)).ToArray();

        // At 4 a second the n-th write may start n × 250 ms after the first.
        Assert.Equal([true, false, false, false, false, false], turns.Select(t => t.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(turns[1].IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([true, true, false, false, false, false], turns.Select(t => t.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([true, true, true, true, false, false], turns.Select(t => t.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.All(turns, t => Assert.True(t.IsCompleted));
    }

    [Fact]
    public void Writes_that_fell_behind_the_schedule_start_at_once()
    {
        var clock = new FakeTimeProvider();
        var pace = new SnapshotPace(clock, perSecond: 10);

        clock.Advance(TimeSpan.FromSeconds(1));

        // Ten turns were due in that second (at 0, 100, …, 900 ms); the eleventh is due at 1 s, the twelfth 100 ms later.
        var turns = Enumerable.Range(0, 12).Select(_ => pace.WaitTurnAsync(CancellationToken.None)).ToArray();
        Assert.Equal(11, turns.Count(t => t.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(turns[11].IsCompleted);
    }

    [Fact]
    public void No_cap_never_waits()
    {
        var pace = new SnapshotPace(new FakeTimeProvider(), perSecond: 0);

        Assert.All(Enumerable.Range(0, 1000).Select(_ => pace.WaitTurnAsync(CancellationToken.None)), t => Assert.True(t.IsCompleted));
    }
}
