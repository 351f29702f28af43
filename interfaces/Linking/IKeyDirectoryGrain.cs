using System.Collections.Immutable;

namespace Linkage.Linking;

/// <summary>
/// One partition of the key directory: for every routing key whose hash falls in it (<see cref="KeyDirectory"/>), the
/// component its first records were routed to. A batch resolves all its keys with one call per partition it touches.
/// </summary>
/// <remarks>
/// A key's component changes only from a merged-away component to its survivor (<see cref="Repoint"/>), which holds
/// all its records; otherwise merges are followed through the components' forwards. So a directory snapshot can never
/// point a key away from records already routed by it.
/// </remarks>
[Alias("linkage.IKeyDirectoryGrain")]
public interface IKeyDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The component of each key; a key seen for the first time gets its candidate.</summary>
    [Alias("Resolve")]
    Task<ImmutableArray<ComponentId>> Resolve(ImmutableArray<ulong> keys, ImmutableArray<ComponentId> candidates);

    /// <summary>The component of each key, or null where no record was ever routed by it.</summary>
    [Alias("Find")]
    Task<ImmutableArray<ComponentId?>> Find(ImmutableArray<ulong> keys);

    /// <summary>
    /// Recovery: gives each key the component the log says it was resolved to, unless it has one; answers each key's
    /// component now, so the caller can merge two components that both hold records routed by one key.
    /// </summary>
    [Alias("Restore")]
    Task<ImmutableArray<ComponentId>> Restore(ImmutableArray<ulong> keys, ImmutableArray<ComponentId> components);

    /// <summary>Opt-out: forgets the keys (a purged person's own record keys).</summary>
    [Alias("Forget")]
    Task Forget(ImmutableArray<ulong> keys);

    /// <summary>Opt-out: from now on each key resolves to <see cref="ComponentId.OptedOut"/>, so records carrying it are dropped; written to the journal at once, older journal records rewritten away.</summary>
    [Alias("OptOut")]
    Task OptOut(ImmutableArray<ulong> keys);

    /// <summary>
    /// Every key whose component is one of <paramref name="merged"/> gets the survivor at the same place in
    /// <paramref name="survivors"/> (which holds all the merged one's records), journaled at the next flush; so that,
    /// once flushed, the forwards of the merged ones can be forgotten. Answers how many keys changed.
    /// </summary>
    [Alias("Repoint")]
    Task<int> Repoint(ImmutableArray<ComponentId> merged, ImmutableArray<ComponentId> survivors);

    /// <summary>Writes what changed since the last flush to the partition's journal.</summary>
    /// <remarks>Interleaves with the other calls, so that a slow append holds no ingest or query up.</remarks>
    [Alias("Flush")]
    [ResponseTimeout("00:02:00")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task Flush();
}
