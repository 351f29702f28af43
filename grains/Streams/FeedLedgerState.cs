using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Streams;

/// <summary>
/// A source's feed ledger: the fold of every batch outcome recorded, in order (<see cref="Apply"/>). The ledger's
/// journal holds a base (this state) and the outcomes recorded since, which a load applies again, so the same rules
/// give the same totals after a restart.
/// </summary>
[GenerateSerializer, Alias("linkage.FeedLedgerState")]
public sealed class FeedLedgerState
{
    /// <summary>Rejected lines kept; older ones are dropped (the operator's own rejects file has them all).</summary>
    public const int RejectedLimit = 1000;

    /// <summary>Batch ids remembered, so that a redelivered batch is not counted twice.</summary>
    public const int RecentBatchLimit = 2000;

    // A lookup beside the ordered list (not stored: rebuilt from it on first use).
    [NonSerialized]
    private HashSet<string>? _recent;

    [Id(0)] public long Accepted { get; set; }

    [Id(1)] public long Duplicates { get; set; }

    [Id(2)] public int Batches { get; set; }

    /// <summary>Most recent rejected lines, oldest first.</summary>
    [Id(7)] public List<FeedRejection> Rejected { get; set; } = [];

    /// <summary>Most recent batch ids, oldest first, so a redelivered batch is not counted twice.</summary>
    [Id(4)] public List<string> RecentBatches { get; set; } = [];

    [Id(5)] public long OptedOut { get; set; }

    /// <summary>Deliveries of batches already counted (the stream is at least once).</summary>
    [Id(6)] public long Redelivered { get; set; }

    /// <summary>Lines rejected in all, also those no longer kept in <see cref="Rejected"/>.</summary>
    [Id(8)] public long RejectedLines { get; set; }

    /// <summary>Counts <paramref name="outcome"/> unless its batch was counted already (then it is a redelivery).</summary>
    public void Apply(FeedBatchOutcome outcome)
    {
        _recent ??= new HashSet<string>(RecentBatches, StringComparer.Ordinal);
        if (!_recent.Add(outcome.BatchId))
        {
            Redelivered++;
            return;
        }

        RecentBatches.Add(outcome.BatchId);
        if (RecentBatches.Count > RecentBatchLimit)
        {
            var dropped = RecentBatches.Count - RecentBatchLimit;
            foreach (var id in RecentBatches.Take(dropped)) _recent.Remove(id);
            RecentBatches.RemoveRange(0, dropped);
        }

        Batches++;
        Accepted += outcome.Tally.Accepted;
        Duplicates += outcome.Tally.Duplicates;
        OptedOut += outcome.Tally.OptedOut;
        Rejected.AddRange(outcome.Rejected.Select(r => r with { File = outcome.File }));
        RejectedLines += outcome.Rejected.Length;
        if (outcome.PoisonReason is { } poison) Rejected.Add(new FeedRejection { File = outcome.File, Line = 0, Reason = poison });
        if (Rejected.Count > RejectedLimit) Rejected.RemoveRange(0, Rejected.Count - RejectedLimit);
    }
}
