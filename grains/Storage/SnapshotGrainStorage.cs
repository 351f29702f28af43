using Orleans.Storage;

namespace Linkage.Storage;

/// <summary>
/// Orleans grain storage over an <see cref="ISnapshotStore"/>: grain state in the Orleans binary format (version
/// tolerant through [Id] fields), written with optimistic concurrency, many grains' writes committed together.
/// </summary>
public sealed class SnapshotGrainStorage(ISnapshotStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(KeyOf(stateName, grainId));
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(stored.Data) ?? Activator.CreateInstance<T>();
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = KeyOf(stateName, grainId);
        try
        {
            grainState.ETag = await store.WriteAsync(key, serializer.Serialize(grainState.State).ToMemory(), grainState.ETag);
            grainState.RecordExists = true;
        }
        catch (SnapshotConflictException e)
        {
            throw new InconsistentStateException($"snapshot of {grainId} was written by another activation", grainState.ETag, "unknown", e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await store.DeleteAsync(KeyOf(stateName, grainId), grainState.ETag);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The snapshot key of a grain's state: its id and the state's name.</summary>
    public static string KeyOf(string stateName, GrainId grainId) => grainId + "!" + stateName;
}
