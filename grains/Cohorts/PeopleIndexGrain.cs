using System.Collections.Immutable;
using Linkage.Linking;
using Linkage.Storage;
using Orleans.Serialization;

namespace Linkage.Cohorts;

/// <summary>One partition of the live cohort index, in memory, journaled at each checkpoint.</summary>
public sealed class PeopleIndexGrain(IPartitionJournal journal, Serializer serializer) : Grain, IPeopleIndexGrain
{
    private readonly Dictionary<ComponentId, ImmutableArray<PersonSummary>> _people = [];
    private Dictionary<ComponentId, ImmutableArray<PersonSummary>> _changed = [];
    private long _bytesSinceBase;
    private Task _flushing = Task.CompletedTask;

    private string JournalName => "index-" + this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await journal.ReadAsync(JournalName, cancellationToken))
        {
            foreach (var update in serializer.Deserialize<ImmutableArray<IndexUpdate>>(record)) Put(update);
            _bytesSinceBase += record.Length;
        }
    }

    public Task Apply(ImmutableArray<IndexUpdate> updates)
    {
        foreach (var update in updates)
        {
            Put(update);
            _changed[update.Component] = update.People;
        }

        return Task.CompletedTask;
    }

    public Task<CohortTally> Count(CohortDefinition definition) =>
        throw new NotSupportedException("cohort counting arrives with the columnar index");

    public Task<ImmutableArray<ComponentId>> GetComponents() => Task.FromResult(_people.Keys.ToImmutableArray());

    public Task Flush() => _flushing = FlushAfter(_flushing);

    private void Put(IndexUpdate update)
    {
        if (update.People.IsDefaultOrEmpty) _people.Remove(update.Component);
        else _people[update.Component] = update.People;
    }

    private async Task FlushAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That flush gave its changes back; this one writes them.
        }

        if (_changed.Count == 0) return;
        var taken = _changed;
        _changed = [];
        try
        {
            var delta = Serialize(taken);
            if (_bytesSinceBase + delta.Length > Math.Max(1 << 20, 2 * EstimatedBaseBytes()))
            {
                var all = Serialize(_people);
                await journal.CompactAsync(JournalName, all);
                _bytesSinceBase = all.Length;
            }
            else
            {
                await journal.AppendAsync(JournalName, delta);
                _bytesSinceBase += delta.Length;
            }
        }
        catch
        {
            foreach (var (component, people) in taken) _changed.TryAdd(component, people);
            throw;
        }
    }

    private byte[] Serialize(Dictionary<ComponentId, ImmutableArray<PersonSummary>> people) =>
        serializer.SerializeToArray(people.Select(p => new IndexUpdate { Component = p.Key, People = p.Value }).ToImmutableArray());

    private long EstimatedBaseBytes() => _people.Count * 600L;
}
