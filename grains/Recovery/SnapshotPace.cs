namespace Linkage.Recovery;

/// <summary>
/// Spreads one checkpoint's snapshot writes at a capped rate (<c>Linkage:Engine:SnapshotsPerSecond</c>): the n-th write
/// starts no earlier than n / rate seconds after the first, so that storage keeps room for the log appends that
/// acknowledgements wait for, instead of a checkpoint's whole burst queued ahead of them.
/// </summary>
/// <remarks>
/// A schedule on the silo's <see cref="TimeProvider"/> rather than System.Threading.RateLimiting's token bucket, whose
/// replenishment runs on a timer of its own: tests drive this one with a fake clock.
/// </remarks>
public sealed class SnapshotPace
{
    private readonly TimeProvider _clock;
    private readonly int _perSecond;
    private readonly long _started;
    private long _turns = -1;

    /// <param name="perSecond">Writes started per second at most; 0 for no cap.</param>
    public SnapshotPace(TimeProvider clock, int perSecond)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        (_clock, _perSecond, _started) = (clock, perSecond, clock.GetTimestamp());
    }

    /// <summary>Completes when the next write may start.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (_perSecond == 0) return Task.CompletedTask;
        var turn = Interlocked.Increment(ref _turns);
        var wait = TimeSpan.FromSeconds((double)turn / _perSecond) - _clock.GetElapsedTime(_started);
        return wait > TimeSpan.Zero ? Task.Delay(wait, _clock, cancellationToken) : Task.CompletedTask;
    }
}
