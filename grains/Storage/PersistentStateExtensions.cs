namespace Linkage.Storage;

/// <summary>Writing grain state so that a failed write never leaves unstored changes in memory.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; when the write fails the grain's activation is dropped before the error
    /// goes back to the caller, so the next call reloads what storage really holds. Otherwise a
    /// retry after a storage outage would find the changes in memory, answer "duplicate", and
    /// lose them at the next deactivation.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "grain state could not be written"));
            throw;
        }
    }
}
