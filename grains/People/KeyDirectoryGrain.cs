using System.Collections.Immutable;
using Linkage.Linking;
using Linkage.Storage;

namespace Linkage.People;

/// <summary>One partition of the key directory, in memory, journaled at each checkpoint.</summary>
public sealed class KeyDirectoryGrain(IPartitionJournal journal) : Grain, IKeyDirectoryGrain
{
    private readonly KeyMap _map = new();
    private readonly JournalWrites _writes = new();

    // Set when an append found the journal grown by a record this activation never saw: the next flush writes a base.
    private bool _compactNext;

    private string JournalName => "directory-" + this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _map.Load(await journal.ReadAsync(JournalName, cancellationToken));
    }

    public Task<ImmutableArray<ComponentId>> Resolve(ImmutableArray<ulong> keys, ImmutableArray<ComponentId> candidates)
    {
        var result = new ComponentId[keys.Length];
        for (var i = 0; i < keys.Length; i++) result[i] = _map.Resolve(keys[i], candidates[i]);
        return Task.FromResult(ImmutableArray.Create(result));
    }

    public Task<ImmutableArray<ComponentId?>> Find(ImmutableArray<ulong> keys) =>
        Task.FromResult(ImmutableArray.CreateRange(keys, _map.Find));

    public Task<ImmutableArray<ComponentId>> Restore(ImmutableArray<ulong> keys, ImmutableArray<ComponentId> components)
    {
        var result = new ComponentId[keys.Length];
        for (var i = 0; i < keys.Length; i++) result[i] = _map.Restore(keys[i], components[i]);
        return Task.FromResult(ImmutableArray.Create(result));
    }

    public Task<int> Repoint(ImmutableArray<ComponentId> merged, ImmutableArray<ComponentId> survivors)
    {
        var map = new Dictionary<long, long>(merged.Length);
        for (var i = 0; i < merged.Length; i++) map[merged[i].Value] = survivors[i].Value;
        return Task.FromResult(_map.Repoint(map));
    }

    public Task Forget(ImmutableArray<ulong> keys)
    {
        foreach (var key in keys) _map.Forget(key);
        return Task.CompletedTask;
    }

    /// <summary>Flushes run one after another; each interleaves with resolving (see the interface), so a slow append holds no ingest up.</summary>
    public async Task OptOut(ImmutableArray<ulong> keys)
    {
        foreach (var key in keys) _map.OptOut(key);

        // Compacted at once: the journal's older records can go, and the marks survive any restart.
        await _writes.Then(CompactAsync);
    }

    public Task Flush() => _writes.Then(FlushAsync);

    /// <summary>Writes what changed before leaving (<see cref="JournalWrites.FlushOnLeavingAsync"/>).</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        JournalWrites.FlushOnLeavingAsync(Flush, reason, cancellationToken);

    private async Task CompactAsync()
    {
        var (_, taken) = _map.TakeChanges();
        try
        {
            await journal.CompactAsync(JournalName, _map.WriteBase());
        }
        catch
        {
            _map.GiveBack(taken);
            throw;
        }
    }

    private async Task FlushAsync()
    {
        if (!_map.HasChanges) return;
        if (_map.ShouldCompact || _compactNext)
        {
            await CompactAsync();
            _compactNext = false;
            return;
        }

        var (record, changes) = _map.TakeChanges();
        try
        {
            await journal.AppendAsync(JournalName, record);
            _map.Written(record);
        }
        catch (Exception e)
        {
            _map.GiveBack(changes);
            _compactNext |= e is JournalConflictException;
            throw;
        }
    }
}
