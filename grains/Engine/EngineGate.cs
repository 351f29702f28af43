namespace Linkage.Engine;

/// <summary>
/// Whether this silo may take ingests: closed while the cluster recovers (at start, and after a silo died) and while
/// the silo stops; ingests then answer 503 at once, and nothing they sent is acknowledged.
/// </summary>
public sealed class EngineGate
{
    private readonly object _lock = new();
    private TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _reason = "the engine is starting: it replays the logs of earlier runs first";

    public bool IsOpen { get; private set; }

    /// <summary>The silos known dead when the gate last opened: the recovery before it replayed what they took with them.</summary>
    public IReadOnlySet<SiloAddress> RecoveredFrom { get; private set; } = new HashSet<SiloAddress>();

    /// <summary>Why it is closed (empty while open).</summary>
    public string Reason
    {
        get
        {
            lock (_lock) return IsOpen ? string.Empty : _reason;
        }
    }

    /// <summary>Throws <see cref="EngineUnavailableException"/> unless open.</summary>
    public void EnsureOpen()
    {
        if (!IsOpen) throw new EngineUnavailableException(Reason, TimeSpan.FromSeconds(2));
    }

    public void Close(string reason)
    {
        lock (_lock)
        {
            _reason = reason;
            if (!IsOpen) return;
            IsOpen = false;
            _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Opens after a recovery that replayed the logs for the loss of every silo in <paramref name="recoveredFrom"/>.</summary>
    public void Open(IReadOnlySet<SiloAddress> recoveredFrom)
    {
        lock (_lock)
        {
            RecoveredFrom = recoveredFrom;
            IsOpen = true;
            _opened.TrySetResult();
        }
    }

    /// <summary>Completes when the gate is open, or false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitOpenAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task opened;
        lock (_lock)
        {
            if (IsOpen) return true;
            opened = _opened.Task;
        }

        try
        {
            await opened.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
