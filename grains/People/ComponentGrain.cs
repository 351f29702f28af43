using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Linkage.Cohorts;
using Linkage.Diagnostics;
using Linkage.Feeds;
using Linkage.Hosting;
using Linkage.Linking;
using Linkage.Storage;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Linkage.People;

/// <summary>
/// A component of the record-token graph: the current records of a few people, their partition into people by the
/// linkage rules, and the history of merges and splits. Changes live in memory (the ingest log holds them durably)
/// until a checkpoint flushes the snapshot, merges too: a merged component writes its forward only once its survivor
/// has written the records it handed over (<see cref="HandOverDurablyAsync"/>). Only an opt-out writes at once.
/// </summary>
public sealed partial class ComponentGrain(
    [FromKeyedServices(LinkageStorage.Snapshots)] IGrainStorage snapshots,
    IndexPublisher index,
    TimeProvider clock,
    CrashHook crash,
    Diagnostics.LinkageMetrics metrics,
    IOptions<Engine.LinkageEngineOptions> options,
    ILogger<ComponentGrain> logger) : Grain, IComponentGrain
{
    /// <summary>History kept per component; the oldest entries go first.</summary>
    private const int HistoryLimit = 500;

    private ComponentSnapshot state = null!;
    private ComponentRecords _records = new([]);
    private PeoplePartition _people = PeoplePartition.Empty;

    /// <summary>Each person's summary as last published, kept current by the versions linked in place; emptied wherever the people are replaced (a relink, a merge away).</summary>
    private readonly PersonSummaryCache _published = new();

    /// <summary>See <see cref="RecordsScratch"/>; cleared after each use, so it keeps no record alive.</summary>
    private FeedEvent[] _recordsScratch = [];

    /// <summary>The versions the batch under way accepted, with what each replaced; reused from batch to batch.</summary>
    private readonly List<(FeedEvent Version, FeedEvent? Replaced)> _applied = [];

    /// <summary>Incremental linking (shadow linking checks it, so it needs it too).</summary>
    private readonly bool _incremental = options.Value.IncrementalLinking || options.Value.ShadowLinking;
    private readonly bool _shadow = options.Value.ShadowLinking;

    /// <summary>Keeps <see cref="_people"/> current in place; valid only while its people are <see cref="_people"/>.</summary>
    private IncrementalPartition? _linked;
    private bool _dirty;

    /// <summary>Counts changes, so a snapshot write that other calls interleaved with knows whether it holds them all.</summary>
    private long _changes;

    /// <summary>Snapshot writes, one after another: a flush interleaves with ingest, and each write needs the last one's ETag.</summary>
    private readonly JournalWrites _writes = new();
    private bool _indexStale;

    /// <summary>The snapshot has been read, or this component was minted for records with no stored one to read.</summary>
    private bool _loaded;

    /// <summary>
    /// Minted and not read: the first write inserts, and finds a snapshot only where the directory lost the keys that led
    /// to it (a crash); then the stored records are taken in (<see cref="TakeInStoredAsync"/>) before writing again.
    /// </summary>
    private bool _unread;

    /// <summary>A merge that failed after it began: the survivor may hold our records already, so it must be finished.</summary>
    private ComponentId? _unfinishedMerge;

    /// <summary>
    /// What this component handed over in a merge, until its forward is written: the survivor holds it in memory only, so
    /// the forward may not be stored before the survivor's snapshot holds it (<see cref="HandOverDurablyAsync"/>).
    /// </summary>
    private ComponentTransfer? _handedOver;

    private ComponentId Id => new(this.GetPrimaryKeyLong());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state = new ComponentSnapshot(snapshots, this.GetGrainId());
        return Task.CompletedTask;
    }

    /// <summary>Reads the snapshot unless it was read already, or this component was minted (nothing to read).</summary>
    private async ValueTask LoadAsync()
    {
        if (_loaded) return;
        await state.ReadStateAsync();
        _records = new ComponentRecords(state.State.Records);
        Relink();
        _indexStale = state.State.IndexStale;
        _loaded = true;
    }

    public Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events, ApplyMode mode, bool minted)
    {
        if (minted && !_loaded)
        {
            // Minted by the key directory for records none of whose keys it knew: no snapshot can hold anything for it.
            _loaded = true;
            _unread = true;
        }

        return AddRecords(events, mode);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Shutting down (a dirty component is kept alive otherwise): keep what the log holds for us.
        if (_dirty)
        {
            try
            {
                await _writes.Then(WriteIfDirty);
            }
            catch (Exception ex)
            {
                LogSnapshotOnDeactivationFailed(logger, ex, Id);
            }
        }
    }

    public async Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events, ApplyMode mode)
    {
        await LoadAsync();
        if (state.State.ForwardTo is { } survivor)
        {
            // Recovery: a crash between a checkpoint's component and index flushes leaves this forward in the snapshot
            // while the index journal still lists our old people, and no replayed entry reaches us to say otherwise.
            if (mode == ApplyMode.Replay) await PublishPeople();
            return ComponentAddResult.Forward(survivor);
        }

        int accepted = 0, duplicates = 0, optedOut = 0, inPlace = 0;

        // Versions are linked in place one by one until one might change who is who; from there the batch relinks.
        var linked = _incremental ? Linked() : null;
        var applied = _applied;
        applied.Clear();
        foreach (var received in events)
        {
            if (state.State.OptedOut.Count > 0 && received.Subject.Tokens().Any(state.State.OptedOut.Contains))
            {
                optedOut++;
                continue;
            }

            // The instance kept is what the people and their summaries must hold.
            if (_records.Apply(received, out var replaced, out var e))
            {
                accepted++;
                // Every accepted version is kept, also after the first refusal: the people at the batch's start are the
                // current records with all of them undone, and history compares with those.
                applied.Add((e, replaced));
                if (linked is null) continue;
                if (!linked.TryApply(e, replaced, out var person))
                {
                    linked = null;
                    continue;
                }

                inPlace++;
                if (person is not null) _published.Linked(person.Id, e, replaced is { Retracted: false } ? replaced : null);
            }
            else
            {
                duplicates++;
            }
        }

        if (accepted > 0)
        {
            metrics.Linked(inPlace, accepted - inPlace);
            if (inPlace == accepted) CommitInPlace();
            else Commit([.. applied.Select(a => a.Version.Key)], inPlace > 0 ? PeopleAtBatchStart(applied) : _people);
        }

        applied.Clear();

        if (accepted > 0 || mode == ApplyMode.Replay || _indexStale) await PublishPeople();
        return new ComponentAddResult { Accepted = accepted, Duplicates = duplicates, OptedOut = optedOut };
    }

    public async Task<ComponentId?> GetForward()
    {
        await LoadAsync();
        return state.State.ForwardTo;
    }

    public async Task<ComponentId?> MergeInto(ComponentId survivor)
    {
        await LoadAsync();
        if (state.State.ForwardTo is { } already) return already;
        if (survivor >= Id) throw new ArgumentException($"component {Id} can only merge into a smaller id, not {survivor}", nameof(survivor));

        var transfer = new ComponentTransfer { From = Id, Records = _records.ToImmutableArray(), History = [.. state.State.History], OptedOut = [.. state.State.OptedOut] };
        var target = survivor;
        try
        {
            while (await GrainFactory.GetGrain<IComponentGrain>(target.Value).Absorb(transfer) is { } further) target = further;
        }
        catch
        {
            // The survivor may hold our records (and write them) before the failure reached us: until this merge is finished
            // (the next flush, or the next batch that joins us) stay in memory, or a restart would keep both copies.
            if (_unfinishedMerge is null) DelayDeactivation(Timeout.InfiniteTimeSpan);
            _unfinishedMerge = survivor;
            throw;
        }

        _unfinishedMerge = null;

        // A merge of an empty component (keys resolved at once by concurrent batches) moves nothing worth a crash test.
        if (transfer.Records.Length > 0) crash.Pass(CrashPoint.MidMerge);

        // The survivor holds the records in memory, and the log holds the batch that merged us: until the survivor has
        // written them, a crash replays that batch, which finds our stored snapshot (records, no forward) and merges
        // again. So the records may go from memory now, and the forward be written once the survivor's snapshot holds them.
        LogMerged(logger, Id, target, transfer.Records.Length);
        _handedOver = transfer;
        state.State.ForwardTo = target;
        state.State.History = [];
        _records.Clear();
        _published.Clear();
        _people = PeoplePartition.Empty;
        _indexStale = true;
        MarkDirty();
        await PublishPeople();
        return null;
    }

    public async Task<ComponentId?> Absorb(ComponentTransfer transfer)
    {
        await LoadAsync();
        if (state.State.ForwardTo is { } survivor) return survivor;

        // In memory, as any batch: the merged component keeps what it handed over until this snapshot holds it, and
        // hands it over again then (a second absorb finds only duplicates). Nothing a person opted out of comes back.
        var optedOut = state.State.OptedOut;
        var (optedOutBefore, historyBefore) = (optedOut.Count, state.State.History.Count);
        if (!transfer.OptedOut.IsDefaultOrEmpty) optedOut.UnionWith(transfer.OptedOut);
        var changed = ImmutableArray.CreateBuilder<RecordKey>();
        foreach (var e in transfer.Records)
        {
            if (optedOut.Count > 0 && e.Subject.Tokens().Any(optedOut.Contains)) continue;
            if (_records.Apply(e)) changed.Add(e.Key);
        }

        MergeHistory(transfer.History);

        // A hand-over repeated before the merged component's forward is written (every checkpoint of a survivor with many
        // merged into it) finds only duplicates: relinking and publishing a large component for each would hold up its ingest.
        if (changed.Count == 0 && optedOut.Count == optedOutBefore && state.State.History.Count == historyBefore) return null;
        Commit(changed.ToImmutable());
        await PublishPeople();
        return null;
    }

    /// <remarks>
    /// Interleaves with ingest (see the interface): the state is serialised in this turn, and batches go on being applied
    /// while the write is under way; a change meanwhile leaves the component dirty for the next flush. Finishing a merge
    /// moves records, so it goes in as a call of its own, in turn with the batches.
    /// </remarks>
    public async Task Flush()
    {
        if (_unfinishedMerge is { } survivor) await this.AsReference<IComponentGrain>().MergeInto(survivor);
        await _writes.Then(WriteIfDirty);
    }

    private Task WriteIfDirty() => _dirty ? WriteSnapshot() : Task.CompletedTask;

    public async Task<ImmutableArray<PersonView>> GetPeopleByToken(string token)
    {
        await LoadAsync();
        return [.. _people.PeopleHolding(token).Select(View)];
    }

    public async Task<PersonView?> GetPerson(PersonId id)
    {
        await LoadAsync();
        LinkedPerson? person;
        if (id.Anchor.Record is { } record)
        {
            person = _people.PersonOf(record);
        }
        else
        {
            var holders = _people.PeopleHolding(id.Anchor.Value);
            person = holders.Count == 1 ? holders[0] : null;
        }

        return person is null ? null : View(person);
    }

    public async Task<PurgeResult> Purge(string token)
    {
        await LoadAsync();
        if (state.State.ForwardTo is { } survivor) return new PurgeResult { ForwardedTo = survivor };
        var holders = _people.PeopleHolding(token);
        if (holders.Count != 1) return new PurgeResult();

        var person = holders[0];
        var anchors = person.Tokens.Where(t => !_people.AmbiguousId2.Contains(t)).ToImmutableArray();

        // If the snapshot cannot be written the opt-out is answered as failed, so the person must stay as they were
        // (and be purged when it is sent again), not vanish from memory only.
        await ChangeDurably(() =>
        {
            foreach (var key in person.Records) _records.Remove(key);
            state.State.OptedOut.UnionWith(anchors);

            // Nothing of the person stays in the history either: their id and their records' keys.
            state.State.History.RemoveAll(c => c.Concerns(person.Id) || c.Cause.Any(person.Records.Contains));
            Relink();
            _indexStale = true;
            MarkDirty();
        });

        await PublishPeople();
        LogPurged(logger, Id, person.Records.Length);
        return new PurgeResult { Person = person.Id, Records = person.Records, Anchors = anchors };
    }

    public async Task<ImmutableArray<RecordLink>> GetLinks()
    {
        await LoadAsync();
        return [.. _people.People.SelectMany(p => p.Records.Select(r => new RecordLink(r.Source, r.RecordId, p.Id)))];
    }

    private PersonView View(LinkedPerson person) => new()
    {
        Id = person.Id,
        Tokens = person.Tokens,
        Records = [.. person.Records.Select(k => _records.Get(k)!)],
        History = [.. state.State.History.Where(c => c.Concerns(person.Id))],
    };

    private void Commit(ImmutableArray<RecordKey> changed) => Commit(changed, _people);

    /// <summary>Relinks the component and records the merges and splits since <paramref name="before"/>.</summary>
    private void Commit(ImmutableArray<RecordKey> changed, PeoplePartition before)
    {
        Relink();
        _indexStale = true;
        var cause = changed.Length > 5 ? changed[..5] : changed;
        foreach (var change in PeopleChanges.Between(before, _people, cause, clock.GetUtcNow()))
        {
            state.State.History.Add(change);
            metrics.PeopleChanged(change);
            if (logger.IsEnabled(LogLevel.Debug)) LogPeopleChanged(logger, Id, change.Kind, string.Join(' ', change.Before), string.Join(' ', change.After));
        }

        if (state.State.History.Count > HistoryLimit) state.State.History.RemoveRange(0, state.State.History.Count - HistoryLimit);
        MarkDirty();
    }

    /// <summary>
    /// A batch linked in place: the people only gained records, or new people came, so there is no merge or split to
    /// record. Shadow linking relinks too and keeps that result if the two differ.
    /// </summary>
    private void CommitInPlace()
    {
        _indexStale = true;
        MarkDirty();
        if (!_shadow) return;
        var expected = LinkageRules.Partition(_records.Current());
        var mismatch = !expected.HasSamePeopleAs(_people);
        metrics.ShadowChecked(mismatch);
        if (!mismatch) return;
        LogShadowMismatch(logger, Id, expected.People.Count, _people.People.Count);
        Relink();
    }

    /// <summary>The people of the records before this batch, linked in place up to a version that was not safe: relinked from what the batch replaced.</summary>
    private PeoplePartition PeopleAtBatchStart(List<(FeedEvent Version, FeedEvent? Replaced)> applied)
    {
        var replacedInBatch = new Dictionary<RecordKey, FeedEvent?>();
        foreach (var (version, replaced) in applied) replacedInBatch.TryAdd(version.Key, replaced);
        var records = _records.Current().Where(e => !replacedInBatch.ContainsKey(e.Key)).ToList();
        foreach (var replaced in replacedInBatch.Values)
        {
            if (replaced is { Retracted: false }) records.Add(replaced);
        }

        return LinkageRules.Partition(records);
    }

    /// <summary>The people of the current records, by the rules; kept in place from here on when incremental linking is on.</summary>
    private void Relink()
    {
        _published.Clear();
        if (_incremental)
        {
            _linked = IncrementalPartition.Of(_records.Current());
            _people = _linked.People;
        }
        else
        {
            _people = LinkageRules.Partition(_records.Current());
        }
    }

    /// <summary>The in-place linking of <see cref="_people"/>, relinked first if something replaced them (a merge, an opt-out, a failed write put back).</summary>
    private IncrementalPartition Linked()
    {
        if (_linked is null || !ReferenceEquals(_linked.People, _people)) Relink();
        return _linked!;
    }

    /// <summary>Changes only the log holds: stay in memory until a snapshot holds them too.</summary>
    private void MarkDirty()
    {
        if (!_dirty) DelayDeactivation(Timeout.InfiniteTimeSpan);
        _dirty = true;
        _changes++;
    }

    /// <summary>Tells the index partition what this component's people look like now.</summary>
    /// <remarks>
    /// Whatever changes the people marks the index stale first; until a publish succeeds every call publishes again
    /// (the ingest that failed here is sent again as duplicates), and a snapshot written meanwhile carries the mark to
    /// the next activation.
    /// </remarks>
    private async Task PublishPeople()
    {
        var people = new PersonSummary[_people.People.Count];
        for (var p = 0; p < people.Length; p++)
        {
            var person = _people.People[p];
            if (_published.TryGet(person, out var kept))
            {
                people[p] = kept;
                continue;
            }

            var records = RecordsScratch(person.Records.Length);
            for (var r = 0; r < records.Length; r++) records[r] = _records.Get(person.Records[r])!;
            people[p] = PersonSummaries.OfSorting(person.Id, records);
            _published.Keep(people[p], records);
            records.Clear();
        }

        _indexStale = true;
        await index.PublishAsync(new IndexUpdate { Component = Id, People = ImmutableCollectionsMarshal.AsImmutableArray(people) });
        _indexStale = false;
    }

    /// <summary>A buffer of <paramref name="length"/> for a person's records while their summary is built: one per grain, grown as needed.</summary>
    private Span<FeedEvent> RecordsScratch(int length)
    {
        if (_recordsScratch.Length < length) _recordsScratch = new FeedEvent[Math.Max(length, _recordsScratch.Length * 2)];
        return _recordsScratch.AsSpan(0, length);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to copies of the records, history and opt-outs, then writes the snapshot; if it
    /// cannot be written, the component is put back exactly as it was and the failure goes to the caller.
    /// </summary>
    private Task ChangeDurably(Action change) => _writes.Then(() => ChangeThenWrite(change));

    /// <summary>
    /// <see cref="ChangeDurably"/> in turn with the snapshot writes: a flush's write may neither go between the change and
    /// its own write (it would store a change that is then put back) nor race it for the ETag.
    /// </summary>
    private async Task ChangeThenWrite(Action change)
    {
        var (records, people, history, optedOut) = (_records, _people, state.State.History, state.State.OptedOut);
        _records = _records.Clone();
        state.State.History = [.. history];
        state.State.OptedOut = new HashSet<string>(optedOut, StringComparer.Ordinal);
        change();
        try
        {
            await WriteSnapshot();
        }
        catch
        {
            (_records, _people, state.State.History, state.State.OptedOut) = (records, people, history, optedOut);
            _published.Clear();
            state.State.Records = [.. _records.Latest];
            throw;
        }
    }

    /// <summary>Writes the snapshot; call it in turn with the other writes (<see cref="_writes"/>).</summary>
    private async Task WriteSnapshot()
    {
        var handedOver = _handedOver;
        if (handedOver is not null) state.State.ForwardTo = await HandOverDurablyAsync(handedOver);
        state.State.Records = [.. _records.Latest];
        state.State.IndexStale = _indexStale;
        var written = _changes;
        try
        {
            // Serialised before the first await, so the write holds the state of this moment whatever interleaves.
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException) when (_unread)
        {
            // Minted, yet a snapshot is there: the directory had lost the keys that lead to it. Take it in and write again.
            if (!await TakeInStoredAsync())
            {
                _unread = false;
                DeactivateOnIdle();
                throw;
            }

            _unread = false;

            await WriteSnapshot();
            return;
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation wrote the snapshot: this one is stale and makes way.
            DeactivateOnIdle();
            throw;
        }

        _unread = false;
        if (ReferenceEquals(_handedOver, handedOver)) _handedOver = null;

        // A batch applied while the write was under way is not in it: stay dirty (and in memory) for the next flush.
        if (_changes != written) return;
        _dirty = false;
        if (_unfinishedMerge is null) DelayDeactivation(TimeSpan.Zero);
    }

    /// <summary>
    /// Before a merged component's forward is stored: hands its records over again, along the survivors' forwards (the
    /// survivor may have lost them since, its silo gone, and a second absorb finds only duplicates otherwise), and has
    /// the last survivor write its snapshot, so that a stored forward always points at a snapshot that holds what it
    /// handed over. The survivor the records went to, which the forward names.
    /// </summary>
    private async Task<ComponentId> HandOverDurablyAsync(ComponentTransfer transfer)
    {
        var target = state.State.ForwardTo!.Value;
        while (await GrainFactory.GetGrain<IComponentGrain>(target.Value).Absorb(transfer) is { } further) target = further;
        await GrainFactory.GetGrain<IComponentGrain>(target.Value).Flush();
        return target;
    }

    /// <summary>
    /// Adds what the stored snapshot holds to what this minted component took without reading it (the version rules keep
    /// the later of each record), and tells the index; false when the stored component was merged away, which only a
    /// replay can put right (as for any stale activation).
    /// </summary>
    private async Task<bool> TakeInStoredAsync()
    {
        var stored = await state.ReadStoredAsync();
        if (!stored.RecordExists || stored.State!.ForwardTo is not null) return false;
        LogTakingInStored(logger, Id, stored.State.Records.Count);
        foreach (var e in stored.State.Records) _records.Apply(e);
        MergeHistory([.. stored.State.History]);
        state.State.OptedOut.UnionWith(stored.State.OptedOut);
        state.WriteOver(stored.ETag);
        Relink();
        MarkDirty();
        await PublishPeople();
        return true;
    }

    private void MergeHistory(ImmutableArray<LinkageChange> history)
    {
        if (history.IsDefaultOrEmpty) return;
        state.State.History = [.. state.State.History.Concat(history).Distinct().OrderBy(c => c.At)];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Component {Component}: {Kind} of people {Before} into {After}")]
    private static partial void LogPeopleChanged(ILogger logger, ComponentId component, LinkageChangeKind kind, string before, string after);

    [LoggerMessage(Level = LogLevel.Error, Message = "Component {Component}: incremental linking gave {InPlace} people where relinking gives {Relinked}; relinked (shadow linking)")]
    private static partial void LogShadowMismatch(ILogger logger, ComponentId component, int relinked, int inPlace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Component {Component} was minted for keys the directory did not know, yet a snapshot of {Records} records is stored: taken in")]
    private static partial void LogTakingInStored(ILogger logger, ComponentId component, int records);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Component {Component} merged into {Survivor} with {Records} records")]
    private static partial void LogMerged(ILogger logger, ComponentId component, ComponentId survivor, int records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component}: a person opted out; {Records} records purged")]
    private static partial void LogPurged(ILogger logger, ComponentId component, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Component {Component} could not write its snapshot on deactivation; the ingest log still holds its changes")]
    private static partial void LogSnapshotOnDeactivationFailed(ILogger logger, Exception exception, ComponentId component);
}
