using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Streams;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Streams;

/// <summary>The feed stream end to end: a client publishes files, implicit consumers validate and store them.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class FeedStreamTests(LinkageClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Published_lines_are_stored_and_bad_lines_are_named_in_the_ledger()
    {
        var source = NewSource();
        var mids = Enumerable.Range(0, 30).Select(_ => NewMid()).ToList();
        var lines = mids.Select((mid, i) => FeedEventJson.ToJson(Lab(source, $"r{i}", 1, mid))).ToList();
        lines.Insert(10, "{broken");
        lines.Insert(20, FeedEventJson.ToJson(Lab(source, "bad-date", 1, NewMid())).Replace("2024-04-15", "2024-13-01"));

        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 7, StreamsPerSource = 3 });
        var sent = await publisher.PublishAsync(source, "labs.ndjson", Utf8(lines));

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);
        await Eventually.Async(
            async () => (await ledger.GetLedger()).Batches == sent.Batches,
            Deadline,
            () => $"ledger {source}: expected {sent.Batches} batches, saw {ledger.GetLedger().Result.Batches}");

        var view = await ledger.GetLedger();
        Assert.Equal(30, view.Accepted);
        Assert.Equal(0, view.Duplicates);
        Assert.Equal([11, 21], view.Rejected.Select(r => r.Line).Order());
        Assert.All(view.Rejected, r => Assert.Equal("labs.ndjson", r.File));
        Assert.StartsWith("date", view.Rejected.Single(r => r.Line == 21).Reason);

        foreach (var mid in mids)
        {
            Assert.Single((await PersonOf(mid)).Records);
        }
    }

    [Fact]
    public void A_message_of_incompressible_batches_up_to_the_publishers_bound_fits_an_azure_queue_message()
    {
        // Random text packs to about its own size: the worst case for the bound the publisher cuts messages at.
        var random = new Random(7);
        var batches = new List<FeedBatch>();
        var bytes = 0;
        for (var b = 0; ; b++)
        {
            var lines = Enumerable.Range(0, 20).Select(_ => Convert.ToBase64String(Enumerable.Range(0, 150).Select(_ => (byte)random.Next(256)).ToArray())).ToList();
            var batch = new FeedBatch
            {
                BatchId = $"a-rather-long-file-name-of-an-operator.ndjson:{b * 20 + 1}:0123456789ABCDEF",
                File = "a-rather-long-file-name-of-an-operator.ndjson",
                FirstLine = b * 20 + 1,
                PackedLines = FeedBatchPacking.Pack(lines),
                PackedCount = lines.Count,
            };
            if (bytes + batch.PackedLines.Length > FeedPublisherOptions.MaxMessageBytes) break;
            bytes += batch.PackedLines.Length;
            batches.Add(batch);
        }

        var adapter = new Orleans.Providers.Streams.AzureQueue.AzureQueueDataAdapterV2(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Orleans.Serialization.Serializer>(fixture.Cluster.Client.ServiceProvider));
        var message = adapter.ToQueueMessage(Orleans.Runtime.StreamId.Create(FeedStream.Namespace, "s"), batches, null, null);

        // An Azure queue message holds 64 KiB.
        Assert.True(message.Length <= 64 * 1024, $"{batches.Count} batches of {bytes:N0} packed bytes make a queue message of {message.Length:N0} characters, more than 64 KiB");
    }

    [Fact]
    public async Task Publishing_the_same_file_again_changes_and_counts_nothing_twice()
    {
        var source = NewSource();
        var mid = NewMid();
        var lines = Enumerable.Range(0, 12).Select(i => FeedEventJson.ToJson(Lab(source, $"r{i}", 1, mid))).ToList();
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 5, StreamsPerSource = 2 });
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);

        var first = await publisher.PublishAsync(source, "f.ndjson", Utf8(lines));
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == first.Batches, Deadline,
            () => $"ledger {source}: expected {first.Batches} batches after the first run");
        await publisher.PublishAsync(source, "f.ndjson", Utf8(lines));

        // The barrier: the ledger counts every delivery it recognises as one it has seen, so the checks below come
        // after the second run was consumed, not merely published.
        await Eventually.Async(async () => (await ledger.GetLedger()).Redelivered == first.Batches, Deadline,
            () => $"ledger {source}: expected {first.Batches} batches delivered again, saw {ledger.GetLedger().Result.Redelivered}");
        var view = await ledger.GetLedger();
        Assert.Equal(first.Batches, view.Batches);
        Assert.Equal(12, view.Accepted);
        Assert.Equal(12, (await PersonOf(mid)).Records.Length);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_recorded_as_poison_and_the_stream_goes_on()
    {
        var source = NewSource();
        var (poisoned, healthy) = (NewMid(), NewMid());
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 2, StreamsPerSource = 1 });
        var lines = new[]
        {
            FeedEventJson.ToJson(Lab(source, FaultInjectionFilter.PoisonPrefix + "1", 1, poisoned)),
            FeedEventJson.ToJson(Lab(source, "fine-1", 1, poisoned)),
            FeedEventJson.ToJson(Lab(source, "fine-2", 1, healthy)),
        };

        await publisher.PublishAsync(source, "p.ndjson", Utf8(lines));

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == 2, TimeSpan.FromSeconds(60),
            () => $"ledger {source}: expected 2 batches (one poison), saw {ledger.GetLedger().Result.Batches}");
        var view = await ledger.GetLedger();
        var poison = Assert.Single(view.Rejected);
        Assert.Equal(0, poison.Line);
        Assert.Contains($"lines 1..2 failed {FeedConsumerGrain.MaxAttempts} times", poison.Reason);
        Assert.Contains("injected routing failure", poison.Reason);
        Assert.Equal(1, view.Accepted);
        Assert.Single((await PersonOf(healthy)).Records);
    }

    [Fact]
    public async Task Batches_travel_packed_several_to_a_message_and_one_too_big_for_a_message_is_split_with_its_line_numbers()
    {
        var source = NewSource();
        var mids = Enumerable.Range(0, 40).Select(_ => NewMid()).ToList();

        // Record ids of random text barely compress: five lines do not fit in a 250-byte message.
        var lines = mids.Select((mid, i) => FeedEventJson.ToJson(Lab(source, $"r{i}-{Convert.ToHexString(Guid.NewGuid().ToByteArray())}{Convert.ToHexString(Guid.NewGuid().ToByteArray())}", 1, mid))).ToList();
        lines.Insert(22, "{broken");
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);

        var small = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 5, StreamsPerSource = 1 });
        var packed = await small.PublishAsync(source, "many.ndjson", Utf8(lines[..20]));
        Assert.Equal(4, packed.Batches);
        Assert.Equal(1, packed.Messages);

        var tight = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 5, StreamsPerSource = 2, MessageBytes = 250 });
        var split = await tight.PublishAsync(source, "split.ndjson", Utf8(lines[20..]));
        Assert.True(split.Batches > 5, $"expected the 21 lines in more than 5 batches (split to fit 250 bytes), saw {split.Batches}");

        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == packed.Batches + split.Batches, Deadline,
            () => $"ledger {source}: expected {packed.Batches + split.Batches} batches, saw {ledger.GetLedger().Result.Batches}");
        var view = await ledger.GetLedger();
        Assert.Equal(40, view.Accepted);
        var broken = Assert.Single(view.Rejected);
        Assert.Equal(("split.ndjson", 3), (broken.File, broken.Line));
    }

    private Task<PersonView> PersonOf(string token) => LinkageHttpFront.Of(fixture.Cluster).PersonAsync(token);

    private static MemoryStream Utf8(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
}
