namespace Linkage.Cohorts;

/// <summary>
/// This silo's signal that its component grains changed the index: set by <see cref="IndexPublisher"/> once a
/// partition applied their updates, taken by <see cref="LiveAnalysisPump"/>. Changes that come while nobody waits are
/// one signal.
/// </summary>
public sealed class IndexChanges
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>The index changed.</summary>
    public void Changed()
    {
        // Every group commit signals: the common case (already signalled) must not cost an exception.
        if (_signal.CurrentCount > 0) return;
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Signalled by another thread meanwhile: the one waiter will see this change too.
        }
    }

    /// <summary>Completes at the next change, or at once when one came since the last wait.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);
}
