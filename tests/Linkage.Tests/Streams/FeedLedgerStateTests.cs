using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Streams;

namespace Linkage.Tests.Streams;

/// <summary>The feed ledger's counting rules: each batch id counted once, every bad line named with its file.</summary>
public sealed class FeedLedgerStateTests
{
    [Fact]
    public void Each_batch_is_counted_once_and_a_redelivery_only_as_a_redelivery()
    {
        var ledger = new FeedLedgerState();
        ledger.Apply(Outcome("f:1", new IngestTally(3, 1, 1), Rejection(4, "date: bad")));
        ledger.Apply(Outcome("f:6", new IngestTally(5, 0)));
        ledger.Apply(Outcome("f:1", new IngestTally(0, 4, 1), Rejection(4, "date: bad")));

        Assert.Equal((2, 8L, 1L, 1L, 1L, 1L), (ledger.Batches, ledger.Accepted, ledger.Duplicates, ledger.OptedOut, ledger.RejectedLines, ledger.Redelivered));
        var rejected = Assert.Single(ledger.Rejected);
        Assert.Equal(("f.ndjson", 4, "date: bad"), (rejected.File, rejected.Line, rejected.Reason));
        Assert.Equal(["f:1", "f:6"], ledger.RecentBatches);
    }

    [Fact]
    public void A_poison_batch_is_named_as_line_0_with_its_reason()
    {
        var ledger = new FeedLedgerState();
        ledger.Apply(Outcome("f:1", default) with { PoisonReason = "batch of lines 1..2 failed 3 times" });

        Assert.Equal(1, ledger.Batches);
        Assert.Equal(0, ledger.RejectedLines);
        Assert.Equal((0, "batch of lines 1..2 failed 3 times"), (ledger.Rejected.Single().Line, ledger.Rejected.Single().Reason));
    }

    [Fact]
    public void The_ledger_remembers_the_most_recent_batch_ids_and_rejections_only()
    {
        var ledger = new FeedLedgerState();
        for (var i = 0; i < FeedLedgerState.RecentBatchLimit + 5; i++) ledger.Apply(Outcome($"f:{i}", new IngestTally(1, 0), Rejection(i + 1, "x")));

        Assert.Equal(FeedLedgerState.RecentBatchLimit, ledger.RecentBatches.Count);
        Assert.Equal("f:5", ledger.RecentBatches[0]);
        Assert.Equal(FeedLedgerState.RejectedLimit, ledger.Rejected.Count);
        Assert.Equal(FeedLedgerState.RecentBatchLimit + 5, ledger.RejectedLines);

        // Still remembered: a redelivery. Forgotten (older than the window): counted as new, as the window promises no more.
        ledger.Apply(Outcome("f:5", new IngestTally(0, 1)));
        ledger.Apply(Outcome("f:4", new IngestTally(0, 1)));
        Assert.Equal(1, ledger.Redelivered);
        Assert.Equal(FeedLedgerState.RecentBatchLimit + 6, ledger.Batches);
    }

    private static FeedBatchOutcome Outcome(string id, IngestTally tally, params FeedRejection[] rejected) =>
        new() { BatchId = id, File = "f.ndjson", Tally = tally, Rejected = [.. rejected] };

    private static FeedRejection Rejection(int line, string reason) => new() { Line = line, Reason = reason };
}
