using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Storage;

namespace Linkage.Streams;

/// <summary>A source's feed ledger: totals of what arrived through the stream, and the lines it could not take.</summary>
public sealed class FeedLedgerGrain(
    [PersistentState("ledger", LinkageStorage.State)] IPersistentState<FeedLedgerState> state) : Grain, IFeedLedgerGrain
{
    /// <summary>Rejected lines kept; older ones are dropped (the operator's own rejects file has them all).</summary>
    public const int RejectedLimit = 1000;

    private const int RecentBatchLimit = 2000;

    public async Task Record(FeedBatchOutcome outcome)
    {
        var s = state.State;
        if (s.RecentBatches.Contains(outcome.BatchId))
        {
            s.Redelivered++;
            await state.WriteOrDeactivateAsync(this);
            return;
        }

        s.RecentBatches.Add(outcome.BatchId);
        if (s.RecentBatches.Count > RecentBatchLimit) s.RecentBatches.RemoveRange(0, s.RecentBatches.Count - RecentBatchLimit);
        s.Batches++;
        s.Accepted += outcome.Tally.Accepted;
        s.Duplicates += outcome.Tally.Duplicates;
        s.OptedOut += outcome.Tally.OptedOut;
        s.Rejected.AddRange(outcome.Rejected.Select(r => r with { File = outcome.File }));
        s.RejectedLines += outcome.Rejected.Length;
        if (outcome.PoisonReason is { } poison) s.Rejected.Add(new FeedRejection { File = outcome.File, Line = 0, Reason = poison });
        if (s.Rejected.Count > RejectedLimit) s.Rejected.RemoveRange(0, s.Rejected.Count - RejectedLimit);
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<FeedLedgerView> GetLedger() => Task.FromResult(new FeedLedgerView
    {
        Source = this.GetPrimaryKeyString(),
        Batches = state.State.Batches,
        Accepted = state.State.Accepted,
        Duplicates = state.State.Duplicates,
        OptedOut = state.State.OptedOut,
        Redelivered = state.State.Redelivered,
        RejectedLines = state.State.RejectedLines,
        Rejected = [.. state.State.Rejected],
        RecentBatches = [.. state.State.RecentBatches],
    });
}
