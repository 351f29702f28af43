using Orleans.Storage;

namespace Linkage.People;

/// <summary>
/// A component grain's snapshot in the snapshot storage, read when the grain first needs it rather than as it
/// activates: a component the key directory has just minted has nothing stored, so its first records need no read.
/// </summary>
/// <remarks>The same state name and storage as the <c>[PersistentState("component", ...)]</c> it replaces, so snapshots written before read the same.</remarks>
public sealed class ComponentSnapshot(IGrainStorage storage, GrainId grain) : IPersistentState<ComponentState>
{
    public const string StateName = "component";

    private readonly GrainState<ComponentState> _stored = new(new ComponentState());

    public ComponentState State
    {
        get => _stored.State!;
        set => _stored.State = value;
    }

    public string? Etag => _stored.ETag;

    public bool RecordExists => _stored.RecordExists;

    public Task ReadStateAsync() => storage.ReadStateAsync(StateName, grain, _stored);

    public Task WriteStateAsync() => storage.WriteStateAsync(StateName, grain, _stored);

    public Task ClearStateAsync() => storage.ClearStateAsync(StateName, grain, _stored);

    /// <summary>What is stored now, leaving this snapshot as it is; its ETag is then taken with <see cref="WriteOver"/>.</summary>
    public async Task<GrainState<ComponentState>> ReadStoredAsync()
    {
        var stored = new GrainState<ComponentState>(new ComponentState());
        await storage.ReadStateAsync(StateName, grain, stored);
        return stored;
    }

    /// <summary>Makes the next write replace the stored version with this ETag.</summary>
    public void WriteOver(string? etag) => _stored.ETag = etag;
}
