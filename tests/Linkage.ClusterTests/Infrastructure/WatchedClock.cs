using Microsoft.Extensions.Time.Testing;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// A fake clock that tells when code waits on it: a test moves time only once the code under test has armed its
/// timer, so that a timer armed just after the move cannot wait for a time that never comes. For one-shot timers
/// (<c>Task.Delay</c>'s).
/// </summary>
public sealed class WatchedClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private int _armed;
    private TaskCompletionSource _nextArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = base.CreateTimer(s =>
        {
            timer.Disarm();
            callback(s);
        }, state, dueTime, period);

        // Armed only now that the fake clock holds its waiter: a move of time before this would leave it behind.
        timer.Arm();
        return timer;
    }

    /// <summary>A bound on waiting for code to arm a timer, never a measure: code that never waits fails the test.</summary>
    private static readonly TimeSpan ArmBound = TimeSpan.FromSeconds(60);

    /// <summary>Returns once at least one timer is armed (created, neither fired nor disposed).</summary>
    public async Task ArmedAsync()
    {
        try
        {
            await AnyArmedAsync().WaitAsync(ArmBound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no timer was armed on the fake clock within {ArmBound.TotalSeconds} s: the code under test does not wait on it");
        }
    }

    private async Task AnyArmedAsync()
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_armed > 0) return;
                next = _nextArmed.Task;
            }

            await next;
        }
    }

    private void Armed()
    {
        lock (_lock)
        {
            _armed++;
            _nextArmed.TrySetResult();
            _nextArmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Disarmed()
    {
        lock (_lock) _armed--;
    }

    private sealed class WatchedTimer(WatchedClock clock) : ITimer
    {
        private const int New = 0, Waiting = 1, Done = 2;
        private int _state;

        public ITimer Inner { get; set; } = null!;

        /// <summary>Counts it as armed, unless it already fired while being created.</summary>
        public void Arm()
        {
            if (Interlocked.CompareExchange(ref _state, Waiting, New) == New) clock.Armed();
        }

        public void Disarm()
        {
            if (Interlocked.Exchange(ref _state, Done) == Waiting) clock.Disarmed();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Disarm();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner.DisposeAsync();
        }
    }
}
