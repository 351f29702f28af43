using System.Collections.Immutable;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Storage;
using Linkage.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Streams;

/// <summary>The feed ledger on Azurite: one small append per delivery, compacted now and then, the same totals when read back.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class FeedLedgerJournalTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task A_ledger_reads_its_totals_back_from_its_compacted_journal_after_leaving_memory()
    {
        var source = NewSource();
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);

        // 80 deliveries of 10 batches, each batch 3 accepted, 1 duplicate and one rejected line with a long reason
        // (about 100 KB of appends in all, more than a compaction waits for), then 5 batches delivered again.
        const int deliveries = 80, perDelivery = 10;
        for (var d = 0; d < deliveries; d++)
        {
            await ledger.RecordAll([.. Enumerable.Range(0, perDelivery).Select(b => Outcome(d * perDelivery + b))]);
        }

        await ledger.RecordAll([.. Enumerable.Range(0, 5).Select(Outcome)]);
        var before = await ledger.GetLedger();
        Assert.Equal((800, 2400L, 800L, 800L, 5L), (before.Batches, before.Accepted, before.Duplicates, before.RejectedLines, before.Redelivered));

        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var records = await services.GetRequiredService<IPartitionJournal>().ReadAsync(FeedLedgerGrain.JournalName(source));
        Assert.True(records.Count < deliveries, $"the journal holds {records.Count} records since its base for {deliveries + 1} deliveries: it was never compacted");

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await ledger.GetLedger();

        Assert.Equal((before.Batches, before.Accepted, before.Duplicates, before.RejectedLines, before.Redelivered),
            (after.Batches, after.Accepted, after.Duplicates, after.RejectedLines, after.Redelivered));
        Assert.Equal(before.RecentBatches.ToArray(), after.RecentBatches.ToArray());
        Assert.Equal(before.Rejected.ToArray(), after.Rejected.ToArray());

        // Still recognised after the reload: a redelivery, counted as nothing else.
        await ledger.Record(Outcome(799));
        var again = await ledger.GetLedger();
        Assert.Equal((800, 2400L, 6L), (again.Batches, again.Accepted, again.Redelivered));
    }

    [Fact]
    public async Task A_ledger_stored_whole_before_the_journal_becomes_its_base_and_counts_on()
    {
        var source = NewSource();
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var storage = services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(LinkageStorage.State);
        var legacy = new FeedLedgerState();
        legacy.Apply(Outcome(0));
        legacy.Apply(Outcome(1));
        var grainId = GrainId.Create("feedledger", source);
        await storage.WriteStateAsync("ledger", grainId, new GrainState<FeedLedgerState>(legacy));

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);
        await ledger.RecordAll([Outcome(1), Outcome(2)]);
        var view = await ledger.GetLedger();

        Assert.Equal((3, 9L, 3L, 1L), (view.Batches, view.Accepted, view.RejectedLines, view.Redelivered));
        var read = new GrainState<FeedLedgerState>(new FeedLedgerState());
        await storage.ReadStateAsync("ledger", grainId, read);
        Assert.False(read.RecordExists, "the ledger's whole state is still in the state table after it moved to the journal");
    }

    private static FeedBatchOutcome Outcome(int batch) => new()
    {
        BatchId = $"ledger.ndjson:{batch * 5 + 1}:ABCDEF0123456789",
        File = "ledger.ndjson",
        Tally = new IngestTally(3, 1),
        Rejected = [new FeedRejection { Line = batch * 5 + 5, Reason = "data.value: " + new string('x', 80) + " is not a number" }],
    };
}
