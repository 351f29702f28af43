using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Linking;

/// <summary>
/// A component of the record-token graph: the current records of a few people, their partition
/// into people by the linkage rules, and the history of merges and splits.
/// </summary>
public sealed partial class ComponentGrain(
    [PersistentState("component", LinkageStorage.Components)] IPersistentState<ComponentState> state,
    TimeProvider clock,
    Diagnostics.LinkageMetrics metrics,
    ILogger<ComponentGrain> logger) : Grain, IComponentGrain
{
    /// <summary>History kept per component; the oldest entries go first.</summary>
    private const int HistoryLimit = 500;

    private ComponentRecords _records = new([]);
    private PeoplePartition _people = PeoplePartition.Empty;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _records = new ComponentRecords(state.State.Records);
        if (state.State.ForwardTo is { } survivor && _records.Count > 0)
        {
            // A merge was interrupted after it was decided: finish handing the records over.
            await TransferTo(survivor);
        }

        _people = LinkageRules.Partition(_records.Current());
    }

    public async Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events)
    {
        if (state.State.ForwardTo is { } survivor) return ComponentAddResult.Forward(survivor);

        int accepted = 0, duplicates = 0;
        var changed = ImmutableArray.CreateBuilder<RecordKey>();
        foreach (var e in events)
        {
            if (_records.Apply(e))
            {
                accepted++;
                changed.Add(e.Key);
            }
            else
            {
                duplicates++;
            }
        }

        if (accepted > 0) await Commit(changed.ToImmutable());
        return new ComponentAddResult { Accepted = accepted, Duplicates = duplicates };
    }

    public Task<string?> GetForward() => Task.FromResult(state.State.ForwardTo);

    public async Task MergeInto(string survivor)
    {
        if (state.State.ForwardTo is not null) return;
        if (string.CompareOrdinal(survivor, Id) >= 0)
        {
            throw new ArgumentException($"component {Id} can only merge into a smaller id, not {survivor}", nameof(survivor));
        }

        // Decide first, durably: from now on every call is forwarded, and a crash resumes the transfer.
        state.State.ForwardTo = survivor;
        state.State.Records = [.. _records.Latest];
        await state.WriteOrDeactivateAsync(this);
        await TransferTo(survivor);
    }

    public async Task<string?> Absorb(ComponentTransfer transfer)
    {
        if (state.State.ForwardTo is { } survivor) return survivor;

        var changed = ImmutableArray.CreateBuilder<RecordKey>();
        foreach (var e in transfer.Records)
        {
            if (_records.Apply(e)) changed.Add(e.Key);
        }

        MergeHistory(transfer.History);
        await Commit(changed.ToImmutable());
        return null;
    }

    public Task<ImmutableArray<PersonView>> GetPeopleByToken(string token) =>
        Task.FromResult(_people.PeopleHolding(token).Select(View).ToImmutableArray());

    public Task<PersonView?> GetPersonByAnchor(string anchor)
    {
        LinkedPerson? person;
        if (anchor.StartsWith(RoutingKeys.RecordPrefix, StringComparison.Ordinal))
        {
            var keyText = anchor[RoutingKeys.RecordPrefix.Length..];
            var slash = keyText.IndexOf('/');
            person = slash < 0 ? null : _people.PersonOf(new RecordKey(keyText[..slash], keyText[(slash + 1)..]));
        }
        else
        {
            var holders = _people.PeopleHolding(anchor);
            person = holders.Count == 1 ? holders[0] : null;
        }

        return Task.FromResult(person is null ? null : View(person));
    }

    public Task<ImmutableArray<RecordLink>> GetLinks() =>
        Task.FromResult(_people.People
            .SelectMany(p => p.Records.Select(r => new RecordLink(r.Source, r.RecordId, p.Id)))
            .ToImmutableArray());

    private PersonView View(LinkedPerson person) => new()
    {
        Id = person.Id,
        Tokens = person.Tokens,
        Records = [.. person.Records.Select(k => _records.Get(k)!)],
        History = [.. state.State.History.Where(c => c.Concerns(person.Id))],
    };

    private async Task Commit(ImmutableArray<RecordKey> changed)
    {
        var before = _people;
        _people = LinkageRules.Partition(_records.Current());
        var cause = changed.Length > 5 ? changed[..5] : changed;
        foreach (var change in PeopleChanges.Between(before, _people, cause, clock.GetUtcNow()))
        {
            state.State.History.Add(change);
            metrics.PeopleChanged(change);
            LogPeopleChanged(logger, Id, change.Kind, string.Join(' ', change.Before), string.Join(' ', change.After));
        }

        TrimHistory();
        if (!state.State.Listed && _records.Count > 0)
        {
            // Listed before the write that records it: registering again after a crash does no harm.
            await DirectoryPartition().Register(Id);
            state.State.Listed = true;
        }

        state.State.Records = [.. _records.Latest];
        await state.WriteOrDeactivateAsync(this);
    }

    private async Task TransferTo(string survivor)
    {
        var transfer = new ComponentTransfer { From = Id, Records = _records.ToImmutableArray(), History = [.. state.State.History] };
        var target = survivor;
        while (await GrainFactory.GetGrain<IComponentGrain>(target).Absorb(transfer) is { } further)
        {
            target = further;
        }

        LogMerged(logger, Id, target, transfer.Records.Length);
        state.State.ForwardTo = target;
        state.State.Records = [];
        state.State.History = [];
        _records.Clear();
        _people = PeoplePartition.Empty;
        var wasListed = state.State.Listed;
        state.State.Listed = false;
        await state.WriteOrDeactivateAsync(this);
        if (wasListed) await DirectoryPartition().Unregister(Id);
    }

    private void MergeHistory(ImmutableArray<LinkageChange> history)
    {
        if (history.IsDefaultOrEmpty) return;
        state.State.History = [.. state.State.History.Concat(history).Distinct().OrderBy(c => c.At)];
    }

    private void TrimHistory()
    {
        if (state.State.History.Count > HistoryLimit)
        {
            state.State.History.RemoveRange(0, state.State.History.Count - HistoryLimit);
        }
    }

    private IComponentDirectoryGrain DirectoryPartition() =>
        GrainFactory.GetGrain<IComponentDirectoryGrain>(ComponentDirectory.PartitionOf(Id));

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component}: {Kind} of people {Before} into {After}")]
    private static partial void LogPeopleChanged(ILogger logger, string component, LinkageChangeKind kind, string before, string after);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Component {Component} merged into {Survivor} with {Records} records")]
    private static partial void LogMerged(ILogger logger, string component, string survivor, int records);
}
