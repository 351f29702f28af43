namespace Linkage.Partitions;

/// <summary>
/// Group commit: items submitted while a commit is under way wait and go together in the next one, so that many
/// callers share one storage write or grain call. One commit at a time, in submission order.
/// </summary>
/// <typeparam name="T">What is committed.</typeparam>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> commit, int maxItems = int.MaxValue)
{
    private readonly Queue<(T Item, TaskCompletionSource Done)> _queue = new();
    private bool _committing;

    /// <summary>Items waiting for the next commit.</summary>
    public int Waiting
    {
        get
        {
            lock (_queue) return _queue.Count;
        }
    }

    /// <summary>Completes when a commit holding <paramref name="item"/> has succeeded; fails with that commit.</summary>
    public Task SubmitAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_queue)
        {
            _queue.Enqueue((item, done));
            if (_committing) return done.Task;
            _committing = true;
        }

        _ = Task.Run(CommitAllAsync);
        return done.Task;
    }

    private async Task CommitAllAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _committing = false;
                    return;
                }

                batch = new List<(T, TaskCompletionSource)>(Math.Min(_queue.Count, maxItems));
                while (_queue.Count > 0 && batch.Count < maxItems) batch.Add(_queue.Dequeue());
            }

            try
            {
                await commit([.. batch.Select(b => b.Item)]);
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }
}
