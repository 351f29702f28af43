using System.Collections.Immutable;
using Linkage.Ingest;
using Linkage.Storage;
using Orleans.Serialization;

namespace Linkage.Streams;

/// <summary>
/// A source's feed ledger: totals of what arrived through the stream, and the lines it could not take. Journaled: a
/// delivery's outcomes are one small append (<see cref="FeedLedgerRecord"/>), and the whole state is written only when
/// the appends since the last base outweigh it, instead of the whole state (up to a few hundred KB) per batch.
/// </summary>
public sealed class FeedLedgerGrain(
    IPartitionJournal journal,
    Serializer serializer,
    [PersistentState("ledger", LinkageStorage.State)] IPersistentState<FeedLedgerState> legacy) : Grain, IFeedLedgerGrain
{
    /// <summary>Rejected lines kept; older ones are dropped (the operator's own rejects file has them all).</summary>
    public const int RejectedLimit = FeedLedgerState.RejectedLimit;

    /// <summary>Appends at least this many bytes before a compaction, however small the base.</summary>
    private const int MinBytesBeforeCompaction = 64 * 1024;

    private FeedLedgerState _state = new();
    private long _bytesSinceBase;
    private long _baseBytes;

    /// <summary>The journal's name: one per source, escaped (a source is the publisher's free text).</summary>
    public static string JournalName(string source) => "feed-ledger-" + Uri.EscapeDataString(source);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var records = await journal.ReadAsync(JournalName(this.GetPrimaryKeyString()), cancellationToken);
        foreach (var bytes in records)
        {
            var record = serializer.Deserialize<FeedLedgerRecord>(bytes)!;
            if (record.Base is { } stored)
            {
                (_state, _baseBytes, _bytesSinceBase) = (stored, bytes.Length, 0);
            }
            else
            {
                foreach (var outcome in record.Outcomes) _state.Apply(outcome);
                _bytesSinceBase += bytes.Length;
            }
        }

        if (records.Count == 0 && legacy.RecordExists)
        {
            // A ledger from before the journal (the whole state in the state table): it becomes the journal's base.
            _state = legacy.State;
            await CompactAsync();
            await legacy.ClearStateAsync();
        }
    }

    public Task Record(FeedBatchOutcome outcome) => RecordAll([outcome]);

    /// <summary>Records the outcomes of one delivery in one append; counted in memory only once it is durable.</summary>
    public async Task RecordAll(ImmutableArray<FeedBatchOutcome> outcomes)
    {
        try
        {
            if (_bytesSinceBase > Math.Max(MinBytesBeforeCompaction, _baseBytes))
            {
                var next = Applied(outcomes);
                await CompactAsync(next);
                _state = next;
                return;
            }

            var record = serializer.SerializeToArray(new FeedLedgerRecord { Outcomes = outcomes });
            await journal.AppendAsync(JournalName(this.GetPrimaryKeyString()), record);
            foreach (var outcome in outcomes) _state.Apply(outcome);
            _bytesSinceBase += record.Length;
        }
        catch (Exception ex)
        {
            // An append whose answer was lost may have landed: read the journal again before counting anything more.
            GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "the feed ledger's journal could not be written"));
            throw;
        }
    }

    public Task<FeedLedgerView> GetLedger() => Task.FromResult(new FeedLedgerView
    {
        Source = this.GetPrimaryKeyString(),
        Batches = _state.Batches,
        Accepted = _state.Accepted,
        Duplicates = _state.Duplicates,
        OptedOut = _state.OptedOut,
        Redelivered = _state.Redelivered,
        RejectedLines = _state.RejectedLines,
        Rejected = [.. _state.Rejected],
        RecentBatches = [.. _state.RecentBatches],
    });

    /// <summary>The state with <paramref name="outcomes"/> applied, leaving the current one as it is until the write is durable.</summary>
    private FeedLedgerState Applied(ImmutableArray<FeedBatchOutcome> outcomes)
    {
        var copy = serializer.Deserialize<FeedLedgerState>(serializer.SerializeToArray(_state))!;
        foreach (var outcome in outcomes) copy.Apply(outcome);
        return copy;
    }

    private Task CompactAsync() => CompactAsync(_state);

    private async Task CompactAsync(FeedLedgerState state)
    {
        var record = serializer.SerializeToArray(new FeedLedgerRecord { Base = state });
        await journal.CompactAsync(JournalName(this.GetPrimaryKeyString()), record);
        (_baseBytes, _bytesSinceBase) = (record.Length, 0);
    }
}
