using System.Buffers;
using System.Collections.Immutable;
using Linkage.Cohorts.Index;
using Linkage.Disclosure;
using Linkage.Linking;
using Linkage.Storage;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// One partition of the live cohort index: a columnar <see cref="CohortIndex"/> in memory, journaled at each
/// checkpoint as the components changed since the last (a whole snapshot when those outweigh it).
/// </summary>
public sealed class PeopleIndexGrain(IPartitionJournal journal, IndexQueryEvaluators evaluators, IOptions<LinkageCohortOptions> options)
    : Grain, IPeopleIndexGrain
{
    private readonly CellPerturbation? _perturbation = options.Value.CellPerturbation();
    private CohortIndex _index = new();
    private bool _needsSnapshot = true;
    private long _deltaBytes;
    private long _snapshotBytes;
    private readonly JournalWrites _writes = new();

    private string JournalName => "index-" + this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var records = await journal.ReadAsync(JournalName, cancellationToken);
        if (records.Count == 0) return;
        _index = CohortIndex.Load(records[0], records.Skip(1));
        (_needsSnapshot, _snapshotBytes, _deltaBytes) = (false, records[0].Length, records.Skip(1).Sum(r => (long)r.Length));
    }

    public Task Apply(ImmutableArray<IndexUpdate> updates)
    {
        _index.Apply(updates);
        return Task.CompletedTask;
    }

    public Task<CohortTally> Count(CohortDefinition definition) => Task.FromResult(_index.Count(definition, _perturbation));

    public Task<IndexPartial> Run(IndexQuery query) => Task.FromResult(evaluators.Evaluate(query, _index));

    public Task<ImmutableArray<ComponentId>> GetComponents() => Task.FromResult(_index.Components().ToImmutableArray());

    public Task Flush() => _writes.Then(FlushAsync);

    /// <summary>Writes what changed before leaving (<see cref="JournalWrites.FlushOnLeavingAsync"/>).</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        JournalWrites.FlushOnLeavingAsync(Flush, reason, cancellationToken);

    public Task Compact()
    {
        _needsSnapshot = true;
        return Flush();
    }

    private async Task FlushAsync()
    {
        if (_index.UnsavedComponents == 0 && !_needsSnapshot) return;
        var buffer = new ArrayBufferWriter<byte>();
        if (_needsSnapshot || _deltaBytes > Math.Max(1L << 20, _snapshotBytes))
        {
            _index.WriteSnapshot(buffer);
            _needsSnapshot = true;
            await journal.CompactAsync(JournalName, buffer.WrittenMemory);
            (_needsSnapshot, _snapshotBytes, _deltaBytes) = (false, buffer.WrittenCount, 0);
            return;
        }

        // The index forgets what a delta held once written: if storing it fails, the next flush writes everything.
        _index.WriteDelta(buffer);
        _needsSnapshot = true;
        await journal.AppendAsync(JournalName, buffer.WrittenMemory);
        _needsSnapshot = false;
        _deltaBytes += buffer.WrittenCount;
    }
}
