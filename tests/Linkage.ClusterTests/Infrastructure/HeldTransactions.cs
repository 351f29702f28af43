using Azure.Core;
using Azure.Core.Pipeline;
using Linkage.Storage;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Holds every table transaction (<c>$batch</c>) a client sends until <see cref="Open"/>, counting how many have
/// arrived and the most under way at once; other requests pass.
/// </summary>
public sealed class HeldTransactions : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _arrived;
    private int _underWay;
    private int _most;

    /// <summary>Transactions that have arrived, held or since let through.</summary>
    public int Arrived { get { lock (_lock) return _arrived; } }

    /// <summary>The most transactions under way at once (held or sent and not yet answered).</summary>
    public int Most { get { lock (_lock) return _most; } }

    /// <summary>Completes once <paramref name="count"/> transactions have arrived.</summary>
    public Task ArrivedAsync(int count)
    {
        lock (_lock)
        {
            if (_arrived >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public void Open() => _open.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("the snapshot store sends its transactions asynchronously");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!StorageRequestPolicy.KindOf("table", message.Request).EndsWith("$batch", StringComparison.Ordinal))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        lock (_lock)
        {
            _arrived++;
            _most = Math.Max(_most, ++_underWay);
            foreach (var waiter in _waiters.Where(w => w.Count <= _arrived)) waiter.Reached.TrySetResult();
            _waiters.RemoveAll(w => w.Count <= _arrived);
        }

        try
        {
            await _open.Task;
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            lock (_lock) _underWay--;
        }
    }
}
