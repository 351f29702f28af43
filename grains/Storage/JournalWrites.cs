namespace Linkage.Storage;

/// <summary>
/// The writes of one grain's storage (a key directory's or index partition's journal, a component's snapshot): one
/// after another, each waiting for the last, and a last flush when the grain leaves.
/// </summary>
/// <remarks>
/// A write that failed left its changes for the next one (given back, or a whole snapshot asked for), so the next
/// write goes ahead whatever became of the last; its own failure is its caller's.
/// </remarks>
public sealed class JournalWrites
{
    private Task _last = Task.CompletedTask;

    /// <summary>Runs <paramref name="write"/> after the writes before it.</summary>
    public Task Then(Func<Task> write) => _last = After(_last, write);

    /// <summary>
    /// Flushes before the grain leaves (a silo stopping, or the partition moving): other silos' batches may have
    /// changed the partition since the last checkpoint, and its next activation reads the journal before any replay.
    /// </summary>
    public static async Task FlushOnLeavingAsync(Func<Task> flush, DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await flush();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested || reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            // Storage gone while the silo stops: the living silos' logs hold these changes, no checkpoint passes them
            // while this silo leaves, and the recovery after its death replays them (docs/engine.md, "Recovery").
        }
    }

    private static async Task After(Task previous, Func<Task> write)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That write left its changes for this one.
        }

        await write();
    }
}
