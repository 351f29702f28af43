namespace Linkage.Partitions;

/// <summary>
/// Group commit: items submitted while a commit is under way wait and go together in the next one, so that many
/// callers share one storage write or grain call. One commit at a time, in submission order.
/// </summary>
/// <remarks>
/// The callers of one commit share one completion: a busy partition takes thousands of items a second, and a
/// <see cref="TaskCompletionSource"/> each was a measurable share of the ingest's allocation.
/// </remarks>
/// <typeparam name="T">What is committed.</typeparam>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> commit, int maxItems = int.MaxValue) : IThreadPoolWorkItem
{
    private readonly Queue<Group> _groups = new();
    private Group? _newest;
    private int _waiting;
    private bool _committing;

    /// <summary>Items waiting for the next commit.</summary>
    public int Waiting
    {
        get
        {
            lock (_groups) return _waiting;
        }
    }

    /// <summary>Completes when a commit holding <paramref name="item"/> has succeeded; fails with that commit.</summary>
    public Task SubmitAsync(T item)
    {
        Group group;
        lock (_groups)
        {
            // The newest waiting group takes the item unless it is full; a group being committed is no longer waiting.
            if (_newest is null || _newest.Items.Count >= maxItems)
            {
                _newest = new Group();
                _groups.Enqueue(_newest);
            }

            group = _newest;
            group.Items.Add(item);
            _waiting++;
            if (_committing) return group.Done.Task;
            _committing = true;
        }

        // Queued as this object itself: Task.Run allocated a delegate, a task and its unwrapping on every idle submit.
        // Nothing of the submitter's execution context is wanted: the commit serves every caller of its group.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return group.Done.Task;
    }

    void IThreadPoolWorkItem.Execute() => _ = CommitAllAsync();

    private async Task CommitAllAsync()
    {
        while (true)
        {
            Group group;
            lock (_groups)
            {
                if (!_groups.TryDequeue(out group!))
                {
                    _committing = false;
                    return;
                }

                if (ReferenceEquals(group, _newest)) _newest = null;
                _waiting -= group.Items.Count;
            }

            try
            {
                await commit(group.Items);
                group.Done.TrySetResult();
            }
            catch (Exception e)
            {
                group.Done.TrySetException(e);
            }
        }
    }

    /// <summary>Items that go in one commit, and the completion their callers share.</summary>
    private sealed class Group
    {
        public List<T> Items { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
