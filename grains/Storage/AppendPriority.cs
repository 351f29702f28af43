namespace Linkage.Storage;

/// <summary>
/// Gives the ingest log's appends, which every acknowledgement waits for, priority over snapshot transactions, which
/// only checkpoints wait for. Storage serves requests about in the order they came (Azurite on its one thread entirely),
/// so an append sent behind every transaction a checkpoint has in flight waits for all of them. While the log is busy
/// (an append under way, or one ended within <see cref="Recent"/>: under load the next comes soon), a snapshot writer
/// starts a transaction only while fewer than <see cref="TransactionsWhileAppending"/> are under way; with the log
/// quiet, as many as the store's own bound allows.
/// </summary>
/// <remarks>Snapshots never stop: some always go, so a checkpoint ends however busy the log is, only later.</remarks>
public sealed class AppendPriority(TimeProvider? time = null)
{
    /// <summary>Transactions under way at most while the log is busy: one being served, one on its way.</summary>
    public const int TransactionsWhileAppending = 2;

    /// <summary>How long after an append the log still counts as busy.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _lock = new();
    private int _appends;
    private int _transactions;
    private long? _lastAppendEnded;

    /// <summary>Completed, and replaced, whenever an append or a transaction ends: what a waiting writer looks again at.</summary>
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Marks an append under way until the returned scope is disposed.</summary>
    public Scope Append()
    {
        lock (_lock) _appends++;
        return new Scope(this, append: true);
    }

    /// <summary>Waits until a snapshot transaction may start, and marks it under way until the returned scope is disposed.</summary>
    /// <remarks>
    /// A writer held back is woken when a transaction ends (one is under way whenever it is held back), so the log
    /// falling quiet needs no timer: the next ending looks again.
    /// </remarks>
    public async ValueTask<Scope> TransactionAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (!LogBusy || _transactions < TransactionsWhileAppending)
                {
                    _transactions++;
                    return new Scope(this, append: false);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>An append is under way or ended within <see cref="Recent"/> (under the lock).</summary>
    private bool LogBusy => _appends > 0 || (_lastAppendEnded is { } ended && _time.GetElapsedTime(ended) < Recent);

    private void End(bool append)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (append)
            {
                _appends--;
                _lastAppendEnded = _time.GetTimestamp();
            }
            else
            {
                _transactions--;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>An append or a transaction under way; disposing it ends it.</summary>
    public readonly struct Scope(AppendPriority priority, bool append) : IDisposable
    {
        public void Dispose() => priority?.End(append);
    }
}
